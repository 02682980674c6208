#!/bin/sh
# Calls an mTLS-protected Portcullis host with curl: once without and once with the client certificate.
# Environment: PORTCULLIS_URL (e.g. https://api.example.test:8443/admin), CLIENT_CERT, CLIENT_KEY, EDGE_CA and,
# optionally, CONNECT_TO (an IP to dial instead of resolving the hostname).
set -eu
url=${PORTCULLIS_URL:-https://api.example.test:8443/admin}
hostport=${url#https://}
hostport=${hostport%%/*}
host=${hostport%%:*}
port=${hostport#*:}
[ "$port" = "$hostport" ] && port=443
set -- -sS -w '\nHTTP %{http_code}\n'
[ -n "${CONNECT_TO:-}" ] && set -- "$@" --resolve "$host:$port:$CONNECT_TO"
[ -n "${EDGE_CA:-}" ] && set -- "$@" --cacert "$EDGE_CA"
echo "# without a client certificate"
curl "$@" "$url"
echo "# with the client certificate"
curl "$@" --cert "${CLIENT_CERT:-client.pem}" --key "${CLIENT_KEY:-client.key}" "$url"
