// Command go-client calls an mTLS-protected Portcullis host with a client certificate (standard library only).
//
// Environment: PORTCULLIS_URL (e.g. https://api.example.test:8443/admin), CLIENT_CERT, CLIENT_KEY (PEM files),
// EDGE_CA (the CA that signed the edge's certificate; omit for a publicly trusted one) and, optionally,
// CONNECT_TO (an IP to dial instead of resolving the hostname, like curl --resolve).
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"
)

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	target, err := url.Parse(env("PORTCULLIS_URL", "https://api.example.test:8443/admin"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad PORTCULLIS_URL:", err)
		os.Exit(2)
	}
	certificate, err := tls.LoadX509KeyPair(env("CLIENT_CERT", "client.pem"), env("CLIENT_KEY", "client.key"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot load the client certificate:", err)
		os.Exit(2)
	}
	config := &tls.Config{Certificates: []tls.Certificate{certificate}, MinVersion: tls.VersionTLS12, ServerName: target.Hostname()}
	if caFile := os.Getenv("EDGE_CA"); caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "cannot read EDGE_CA:", err)
			os.Exit(2)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			fmt.Fprintln(os.Stderr, "EDGE_CA holds no certificate")
			os.Exit(2)
		}
		config.RootCAs = pool
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	transport := &http.Transport{
		TLSClientConfig:   config,
		ForceAttemptHTTP2: true,
		DialContext: func(ctx context.Context, network, address string) (net.Conn, error) {
			if connectTo := os.Getenv("CONNECT_TO"); connectTo != "" {
				_, port, _ := net.SplitHostPort(address)
				address = net.JoinHostPort(connectTo, port)
			}
			return dialer.DialContext(ctx, network, address)
		},
	}
	client := &http.Client{Transport: transport, Timeout: 15 * time.Second}
	response, err := client.Get(target.String())
	if err != nil {
		fmt.Fprintln(os.Stderr, "request failed:", err)
		os.Exit(1)
	}
	defer response.Body.Close()
	body, _ := io.ReadAll(response.Body)
	fmt.Printf("HTTP %d\n%s\n", response.StatusCode, body)
}
