// A stand-alone origin for end-to-end tests: echoes method, path and every request header as JSON.
// Run as its own process (`node echo-origin.mjs`); prints `listening <port>` once bound.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
  });
  request.on('end', () => {
    const body = JSON.stringify({
      method: request.method,
      path: request.url,
      headers: request.headers,
      body_bytes: size,
    });
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
