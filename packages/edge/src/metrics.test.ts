// The edge's metrics: per-request series are plain counters until collected, exposed as prom-client would.
import { describe, expect, it } from 'vitest';
import { EdgeMetrics } from './metrics.js';

describe('EdgeMetrics', () => {
  it('counts every request and security event and exposes them in Prometheus text', async () => {
    const m = new EdgeMetrics();
    for (let i = 0; i < 3; i += 1) m.request('api.example.test', 'block', 'none', 0.0003);
    m.request('api.example.test', 'pass', 'verified', 0.002);
    m.request('api.example.test', 'pass', 'verified', 20);
    for (let i = 0; i < 5; i += 1) m.securityEvent('block');
    const text = await m.text();
    expect(text).toContain(
      'portcullis_edge_requests_total{host="api.example.test",action="block",cert_status="none"} 3',
    );
    expect(text).toContain(
      'portcullis_edge_requests_total{host="api.example.test",action="pass",cert_status="verified"} 2',
    );
    expect(text).toContain('portcullis_edge_security_events_total{action="block"} 5');
    expect(text).toContain('# TYPE portcullis_edge_request_duration_seconds histogram');
    expect(text).toContain('portcullis_edge_request_duration_seconds_bucket{le="0.0005",action="block"} 3');
    expect(text).toContain('portcullis_edge_request_duration_seconds_bucket{le="0.001",action="pass"} 0');
    expect(text).toContain('portcullis_edge_request_duration_seconds_bucket{le="0.0025",action="pass"} 1');
    expect(text).toContain('portcullis_edge_request_duration_seconds_bucket{le="10",action="pass"} 1');
    expect(text).toContain('portcullis_edge_request_duration_seconds_bucket{le="+Inf",action="pass"} 2');
    expect(text).toContain('portcullis_edge_request_duration_seconds_count{action="pass"} 2');
    expect(text).toMatch(/portcullis_edge_request_duration_seconds_sum\{action="block"\} 0\.0009/);
    // collecting twice does not double anything
    expect(await m.text()).toBe(text);
  });
});
