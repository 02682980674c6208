// Prometheus metrics of one edge (its own registry, never the global one): requests by host,
// action and certificate status, handshakes, latency, snapshot state. The per-request series are
// plain numbers on the hot path (one Map lookup, no label hashing) and reach prom-client only when
// the metrics are collected.
import { Counter, Gauge, Registry, type LabelValues } from 'prom-client';

/** Latency buckets, seconds. */
const LATENCY_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

interface RequestSeries {
  readonly labels: LabelValues<'host' | 'action' | 'cert_status'>;
  count: number;
}

interface LatencySeries {
  readonly action: string;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

/**
 * A histogram registered with prom-client's registry that keeps its own per-label arrays, so an
 * observation is a bucket scan and three additions. Exposed exactly as prom-client's Histogram.
 */
class LatencyHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, LatencySeries>();

  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  observe(action: string, seconds: number): void {
    let s = this.series.get(action);
    if (!s) {
      s = { action, buckets: new Float64Array(LATENCY_BUCKETS.length + 1), sum: 0, count: 0 };
      this.series.set(action, s);
    }
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++;
    s.buckets[i]! += 1;
    s.sum += seconds;
    s.count += 1;
  }

  get(): {
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { labels: Record<string, string | number>; value: number; metricName: string }[];
  } {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const s of this.series.values()) {
      let acc = 0;
      for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
        acc += s.buckets[i]!;
        values.push({
          labels: { le: LATENCY_BUCKETS[i]!, action: s.action },
          value: acc,
          metricName: `${this.name}_bucket`,
        });
      }
      values.push({
        labels: { le: '+Inf', action: s.action },
        value: s.count,
        metricName: `${this.name}_bucket`,
      });
      values.push({ labels: { action: s.action }, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { action: s.action }, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.series.clear();
  }
}

/** The edge's metrics. */
export class EdgeMetrics {
  readonly registry: Registry;
  private readonly requests: Counter<'host' | 'action' | 'cert_status'>;
  private readonly handshakes: Counter<'host' | 'result'>;
  private readonly latency: LatencyHistogram;
  private readonly securityEvents: Counter<'action'>;
  private readonly snapshotVersion: Gauge;
  private readonly snapshotReloads: Counter<'result'>;
  private readonly openConnections: Gauge;
  private readonly requestSeries = new Map<string, RequestSeries>();
  private readonly eventCounts = new Map<string, number>();

  constructor(prefix = 'portcullis_edge_') {
    const registry = new Registry();
    this.registry = registry;
    const requestSeries = this.requestSeries;
    this.requests = new Counter({
      name: `${prefix}requests_total`,
      help: 'Requests by host, action (pass, block, misdirected, error, origin_error) and client certificate status',
      labelNames: ['host', 'action', 'cert_status'],
      registers: [registry],
      collect() {
        this.reset();
        for (const series of requestSeries.values()) this.inc(series.labels, series.count);
      },
    });
    this.handshakes = new Counter({
      name: `${prefix}tls_handshakes_total`,
      help: 'TLS handshakes by host and result (ok, resumed, failed, refused_sni, no_sni, not_tls, timeout)',
      labelNames: ['host', 'result'],
      registers: [registry],
    });
    this.latency = new LatencyHistogram(
      `${prefix}request_duration_seconds`,
      'Time from request to response end, by action',
    );
    registry.registerMetric(this.latency as unknown as Parameters<Registry['registerMetric']>[0]);
    const eventCounts = this.eventCounts;
    this.securityEvents = new Counter({
      name: `${prefix}security_events_total`,
      help: 'Rule matches by action',
      labelNames: ['action'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [action, count] of eventCounts) this.inc({ action }, count);
      },
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
    let series = this.requestSeries.get(key);
    if (!series) {
      series = { labels: { host, action, cert_status: certStatus }, count: 0 };
      this.requestSeries.set(key, series);
    }
    series.count += 1;
    this.latency.observe(action, seconds);
  }

  handshake(host: string, result: string): void {
    this.handshakes.inc({ host, result });
  }

  securityEvent(action: string): void {
    this.eventCounts.set(action, (this.eventCounts.get(action) ?? 0) + 1);
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
