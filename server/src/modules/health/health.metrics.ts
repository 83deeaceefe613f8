import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type pg from 'pg';

export interface MetricsSources {
  /** PostgreSQL's pool (absent on SQLite). */
  pool?: pg.Pool;
  /** Jobs waiting (created or retry) in the durable queue. */
  queueDepth: () => Promise<number>;
  /** Open server-sent event streams (contest boards) in this process. */
  streams: () => number;
}

/**
 * Prometheus metrics of one app instance (its own registry: several instances may share a process in
 * the tests): requests per route (method, route pattern — never the raw URL — and status) with their
 * latency, the database pool, the job queue's depth, the open event streams, and the process's own
 * (CPU, memory, event-loop lag).
 */
export function appMetrics(app: FastifyInstance, sources: MetricsSources): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'touyan' });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests (until the response is sent), by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', (req, reply, done) => {
    // Unmatched URLs share one label: a scanner cannot grow the label set.
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    done();
  });
  if (sources.pool) {
    const pool = sources.pool;
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting = queries waiting for one)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs waiting in the durable queue (created or due for retry)',
    registers: [registry],
    async collect() {
      this.set(await sources.queueDepth().catch(() => -1));
    },
  });
  new Gauge({
    name: 'sse_streams_open',
    help: 'Open server-sent event streams (live contest boards) in this process',
    registers: [registry],
    collect() {
      this.set(sources.streams());
    },
  });
  return registry;
}

/** Loopback addresses (the metrics' default audience when no token is configured). */
export function isLoopback(ip: string | undefined): boolean {
  return !!ip && (ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1' || ip.startsWith('127.'));
}
