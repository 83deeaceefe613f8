import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../src/config';
import { call, createTestApp, login, TEST_DB, type TestApp } from './harness';

/**
 * Issue 16, operations: GET /api/ready (database, storage, queue; 503 while shutting down), Prometheus
 * metrics at GET /api/metrics (loopback only without METRICS_TOKEN; with it, the bearer token only),
 * and the graceful shutdown (ready turns 503, requests in flight finish).
 */
let t: TestApp;
let tokened: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  tokened = await createTestApp({ METRICS_TOKEN: 'metrics-token-0123456789' });
});
afterAll(async () => {
  await t?.close();
  await tokened?.close();
});

describe(`operations (${TEST_DB})`, () => {
  it('answers ready with every check ok', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      status: 'ready',
      checks: { db: 'ok', storage: 'ok', queue: 'ok', shuttingDown: false },
    });
  });

  it('exports request counts and latency per route pattern, pool, queue and stream gauges to loopback', async () => {
    const admin = await login(t.app, 'admin');
    await call(t.app, admin, 'GET', '/api/auth/me');
    await call(t.app, admin, 'GET', '/api/users/NOPE0000000000000000000000');
    // inject's client address is 127.0.0.1 (loopback).
    const r = await t.app.inject({ method: 'GET', url: '/api/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    const text = r.body;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/auth\/me",status="200",app="touyan"\} 1/);
    // The route pattern, never the raw URL.
    expect(text).toContain('route="/api/users/:id"');
    expect(text).not.toContain('NOPE0000');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/auth\/me"/);
    expect(text).toMatch(/job_queue_depth\{app="touyan"\} \d+/);
    expect(text).toMatch(/sse_streams_open\{app="touyan"\} 0/);
    expect(text).toContain('process_cpu_user_seconds_total');
    if (TEST_DB === 'postgres') expect(text).toMatch(/db_pool_connections\{state="total",app="touyan"\} \d+/);
  });

  it('refuses a client that is not loopback (404), and with METRICS_TOKEN wants the token', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '10.0.0.7' });
    expect(remote.statusCode).toBe(404);
    expect((await tokened.app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(404);
    const wrong = await tokened.app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(404);
    const ok = await tokened.app.inject({
      method: 'GET',
      url: '/api/metrics',
      remoteAddress: '10.0.0.7',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('shuts down gracefully: ready turns 503 while draining, a request begun before finishes, then the port closes', async () => {
    const s = await createTestApp();
    let closed = false;
    try {
      const address = await s.app.listen({ host: '127.0.0.1', port: 0 });
      expect((await fetch(`${address}/api/health`)).status).toBe(200);
      // A request whose handler is running when the shutdown begins (a log-in: the password check takes
      // tens of ms) still gets its answer.
      const inFlight = s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'admin', password: 'x' },
      });
      const draining = s.shutdown(5000);
      const during = await s.app.inject({ method: 'GET', url: '/api/ready' });
      expect(during.statusCode).toBe(503);
      expect((await inFlight).statusCode).toBe(401);
      await draining;
      closed = true;
      await expect(fetch(`${address}/api/health`)).rejects.toThrow();
    } finally {
      if (!closed) await s.app.close();
      await s.database.close();
    }
  });

  it('archives audit entries older than the retention (≥ 180 days) to gzip’d JSON lines, then deletes them', async () => {
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '100' })).toThrow(/AUDIT_RETENTION_DAYS/);
    const db = t.services.db;
    const old = ['2024-01-02T03:04:05.000Z', '2024-06-01T00:00:00.000Z'];
    for (const [i, at] of old.entries()) {
      await db
        .insertInto('auditLogs')
        .values({
          id: `OLDAUDIT${i}000000000000000000`.slice(0, 26),
          at,
          userId: null,
          userName: '系统',
          action: 'login',
          entityType: 'user',
          entityId: null,
          entityLabel: null,
          changes: '[]',
          ip: '10.0.0.1',
          requestId: `old-${i}`,
          scopeOrgId: null,
        })
        .execute();
    }
    const total = async () =>
      Number((await db.selectFrom('auditLogs').select(db.fn.countAll().as('n')).executeTakeFirst())!.n);
    const before = await total();
    {
      const now = new Date('2025-01-01T00:00:00Z');
      const r = await t.services.audit.archiveBefore(new Date(now.getTime() - 180 * 24 * 3600_000), now);
      expect(r.archived).toBe(2);
      // Kept by the file storage: here the data directory's audit-archive/ (no temporary file left).
      expect(r.file).toMatch(/^audit-archive\/audit-2024-07-05-.*\.jsonl\.gz$/);
      expect(readdirSync(path.join(t.dataDir, 'audit-archive', 'tmp'))).toEqual([]);
      const lines = gunzipSync(readFileSync(path.join(t.dataDir, r.file!)))
        .toString('utf8')
        .trim()
        .split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { at: string; requestId: string }).requestId)).toEqual([
        'old-0',
        'old-1',
      ]);
      expect(await total()).toBe(before - 2);
      // Nothing older left: a second run archives nothing and writes no file.
      expect(await t.services.audit.archiveBefore(new Date(now.getTime() - 180 * 24 * 3600_000), now)).toEqual({
        archived: 0,
        file: null,
      });
    }
  });
});
