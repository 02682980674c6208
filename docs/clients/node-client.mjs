// Calls an mTLS-protected Portcullis host from Node.js with a client certificate (node:https, no dependencies).
// Environment: PORTCULLIS_URL (e.g. https://api.example.test:8443/admin), CLIENT_CERT, CLIENT_KEY (PEM files),
// EDGE_CA (the CA that signed the edge's certificate; omit for a publicly trusted one) and, optionally,
// CONNECT_TO (an IP to dial instead of resolving the hostname, like curl --resolve).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

const url = new URL(process.env.PORTCULLIS_URL ?? 'https://api.example.test:8443/admin');
const options = {
  host: process.env.CONNECT_TO ?? url.hostname,
  port: url.port || 443,
  path: `${url.pathname}${url.search}`,
  servername: url.hostname, // SNI: the edge picks the host, and its client-certificate policy, by this name
  headers: { host: url.host },
  cert: readFileSync(process.env.CLIENT_CERT ?? 'client.pem'),
  key: readFileSync(process.env.CLIENT_KEY ?? 'client.key'),
  ...(process.env.EDGE_CA ? { ca: readFileSync(process.env.EDGE_CA) } : {}),
};

const req = request(options, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (body += chunk));
  res.on('end', () => {
    console.log(`HTTP ${res.statusCode}`);
    console.log(body);
  });
});
req.on('error', (error) => {
  console.error(`request failed: ${error.message}`);
  process.exitCode = 1;
});
req.end();
