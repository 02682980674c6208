// The process logger: pino JSON lines on stderr, secrets redacted, stdout left to the CLI's own output.
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/schema.js';

/** Paths pino removes from every line: credentials and key material. */
const redact = [
  'req.headers.authorization',
  'headers.authorization',
  '*.private_key',
  '*.privateKeyPem',
  '*.privateKey',
  '*.token',
  '*.adminToken',
  '*.masterKey',
  'masterKey',
];

/** Creates the process logger at `level`, writing to stderr. */
export function createLogger(level: LogLevel): Logger {
  return pino(
    { level, redact: { paths: redact, censor: '[redacted]' }, base: { pid: process.pid } },
    pino.destination({ fd: 2, sync: false }),
  );
}
