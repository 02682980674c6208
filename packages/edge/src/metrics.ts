// Prometheus metrics of one edge (its own registry, never the global one): requests by host,
// action and certificate status, handshakes, latency, snapshot state. Label children are cached
// so the hot path does one Map lookup per counter.
import { Counter, Gauge, Histogram, Registry, type LabelValues } from 'prom-client';

/** The edge's metrics. */
export class EdgeMetrics {
  readonly registry: Registry;
  private readonly requests: Counter<'host' | 'action' | 'cert_status'>;
  private readonly handshakes: Counter<'host' | 'result'>;
  private readonly latency: Histogram<'action'>;
  private readonly securityEvents: Counter<'action'>;
  private readonly snapshotVersion: Gauge;
  private readonly snapshotReloads: Counter<'result'>;
  private readonly openConnections: Gauge;
  private readonly requestChildren = new Map<string, { inc(): void }>();
  private readonly latencyChildren = new Map<string, { observe(v: number): void }>();
  private readonly eventChildren = new Map<string, { inc(): void }>();

  constructor(prefix = 'portcullis_edge_') {
    const registry = new Registry();
    this.registry = registry;
    this.requests = new Counter({
      name: `${prefix}requests_total`,
      help: 'Requests by host, action (pass, block, misdirected, error, origin_error) and client certificate status',
      labelNames: ['host', 'action', 'cert_status'],
      registers: [registry],
    });
    this.handshakes = new Counter({
      name: `${prefix}tls_handshakes_total`,
      help: 'TLS handshakes by host and result (ok, resumed, failed, refused_sni, no_sni, not_tls, timeout)',
      labelNames: ['host', 'result'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: `${prefix}request_duration_seconds`,
      help: 'Time from request to response end, by action',
      labelNames: ['action'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.securityEvents = new Counter({
      name: `${prefix}security_events_total`,
      help: 'Rule matches by action',
      labelNames: ['action'],
      registers: [registry],
    });
    this.snapshotVersion = new Gauge({
      name: `${prefix}snapshot_info`,
      help: 'Build time (unix seconds) of the serving snapshot',
      registers: [registry],
    });
    this.snapshotReloads = new Counter({
      name: `${prefix}snapshot_reloads_total`,
      help: 'Snapshot builds by result',
      labelNames: ['result'],
      registers: [registry],
    });
    this.openConnections = new Gauge({
      name: `${prefix}open_connections`,
      help: 'Open client connections',
      registers: [registry],
    });
  }

  request(host: string, action: string, certStatus: string, seconds: number): void {
    const key = `${host}\0${action}\0${certStatus}`;
    let child = this.requestChildren.get(key);
    if (!child) {
      child = this.requests.labels({ host, action, cert_status: certStatus } as LabelValues<
        'host' | 'action' | 'cert_status'
      >);
      this.requestChildren.set(key, child);
    }
    child.inc();
    let timer = this.latencyChildren.get(action);
    if (!timer) {
      timer = this.latency.labels({ action });
      this.latencyChildren.set(action, timer);
    }
    timer.observe(seconds);
  }

  handshake(host: string, result: string): void {
    this.handshakes.inc({ host, result });
  }

  securityEvent(action: string): void {
    let child = this.eventChildren.get(action);
    if (!child) {
      child = this.securityEvents.labels({ action });
      this.eventChildren.set(action, child);
    }
    child.inc();
  }

  snapshot(builtAt: Date, ok: boolean): void {
    this.snapshotReloads.inc({ result: ok ? 'ok' : 'failed' });
    if (ok) this.snapshotVersion.set(builtAt.getTime() / 1000);
  }

  connections(delta: number): void {
    this.openConnections.inc(delta);
  }

  /** Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
