// Starts the echo origin as a separate Node process and stops it by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A running origin process. */
export interface OriginProcess {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startOrigin(): Promise<OriginProcess> {
  const script = fileURLToPath(new URL('./origin-process.mjs', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(Number(line));
    });
    child.once('exit', (code) => reject(new Error(`origin exited with ${String(code)}`)));
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The JSON the origin answers with. */
export interface Echo {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly rawHeaders: string[];
  readonly size: number;
  readonly sha256: string;
}

/** Lower-cased header lookup in an echo (all values of a name). */
export function echoHeader(echo: Echo, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < echo.rawHeaders.length; i += 2)
    if (echo.rawHeaders[i]!.toLowerCase() === name) out.push(echo.rawHeaders[i + 1]!);
  return out;
}
