"""Calls an mTLS-protected Portcullis host from Python with only the standard library (ssl, http.client).

Environment: PORTCULLIS_URL (e.g. https://api.example.test:8443/admin), CLIENT_CERT, CLIENT_KEY (PEM files),
EDGE_CA (the CA that signed the edge's certificate; omit for a publicly trusted one) and, optionally,
CONNECT_TO (an IP to dial instead of resolving the hostname, like curl --resolve).
"""
import http.client
import os
import socket
import ssl
import sys
from urllib.parse import urlsplit


class ConnectToHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection that dials `connect_to` but verifies and sends SNI for the URL's hostname."""

    def __init__(self, hostname, port, context, connect_to=None, timeout=10):
        super().__init__(hostname, port, context=context, timeout=timeout)
        self._connect_to = connect_to or hostname
        self._tls_context = context

    def connect(self):
        sock = socket.create_connection((self._connect_to, self.port), self.timeout)
        self.sock = self._tls_context.wrap_socket(sock, server_hostname=self.host)


def main():
    url = urlsplit(os.environ.get("PORTCULLIS_URL", "https://api.example.test:8443/admin"))
    context = ssl.create_default_context(cafile=os.environ.get("EDGE_CA"))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(os.environ.get("CLIENT_CERT", "client.pem"), os.environ.get("CLIENT_KEY", "client.key"))
    connection = ConnectToHTTPSConnection(url.hostname, url.port or 443, context, os.environ.get("CONNECT_TO"))
    try:
        connection.request("GET", (url.path or "/") + (f"?{url.query}" if url.query else ""))
        response = connection.getresponse()
        print(f"HTTP {response.status}")
        print(response.read().decode("utf-8", "replace"))
    except (OSError, ssl.SSLError) as error:
        print(f"request failed: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
