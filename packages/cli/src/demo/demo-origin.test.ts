// Tests of the demo origin: it echoes method, path and the forwarded certificate headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrigin, type DemoOrigin } from './demo-origin.js';

let origin: DemoOrigin;
beforeAll(async () => {
  origin = await startDemoOrigin();
});
afterAll(async () => {
  await origin.close();
});

describe('demo origin', () => {
  it('echoes method, path and certificate headers, and nothing else', async () => {
    const response = await fetch(`${origin.url}/admin/x?y=1`, {
      method: 'POST',
      headers: {
        'cf-cert-verified': 'true',
        'client-cert': ':AAAA:',
        authorization: 'secret',
        'x-forwarded-for': '10.0.0.1',
      },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      method: string;
      path: string;
      body_bytes: number;
      headers: Record<string, string>;
      message: string;
    };
    expect(body.method).toBe('POST');
    expect(body.path).toBe('/admin/x?y=1');
    expect(body.body_bytes).toBe(5);
    expect(body.message).toMatch(/admin/);
    expect(body.headers).toEqual({
      'cf-cert-verified': 'true',
      'client-cert': ':AAAA:',
      'x-forwarded-for': '10.0.0.1',
    });
  });
});
