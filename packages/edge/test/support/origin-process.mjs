// A real origin, run as its own Node process: echoes what it received as JSON (method, url,
// raw headers, body size and sha256). /slow waits before answering; /stream streams chunks;
// /hang sends headers and then nothing, ever; /late sends a first part and ends 1.5 s later.
// Prints its port on stdout once listening.
import { createHash } from 'node:crypto';
import http from 'node:http';

const server = http.createServer((req, res) => {
  const hash = createHash('sha256');
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    hash.update(chunk);
  });
  req.on('end', () => {
    const url = req.url ?? '';
    const body = JSON.stringify({
      method: req.method,
      url,
      httpVersion: req.httpVersion,
      rawHeaders: req.rawHeaders,
      size,
      sha256: hash.digest('hex'),
    });
    if (url.startsWith('/slow')) {
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      }, 3000);
      return;
    }
    if (url.startsWith('/late')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part;');
      setTimeout(() => res.end('last part'), 1500);
      return;
    }
    if (url.startsWith('/hang')) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.flushHeaders();
      return;
    }
    if (url.startsWith('/stream')) {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        connection: 'keep-alive, x-hop',
        'x-hop': 'secret',
        'keep-alive': 'timeout=5',
      });
      let n = 0;
      const tick = () => {
        if (n++ === 64) return res.end();
        res.write(Buffer.alloc(16 * 1024, n & 0xff), tick);
      };
      tick();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-origin': 'yes' }).end(body);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
