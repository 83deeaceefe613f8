import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contestCreateBody } from '@touyan/schemas';
import { loadConfig } from '../src/config';
import { actorOf, contextFor, createCampaign, createUser, validated } from '../src/seed/factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { openBoardStream } from './board-stream';
import { approvedProject } from './probes/contests';
import { buildWorld } from './world';

/**
 * Slow clients and the API docs (issue #8, findings 7 and 9). The app listens on a real port with
 * short timeouts; raw sockets send a request slowly and we time when the server answers / closes.
 */
const HEADERS_MS = 1000;
const REQUEST_MS = 1500;
const UPLOAD_MS = 3000;
/** Node checks its timeouts periodically (here every 200 ms), and the test machine is shared. */
const SLACK_MS = 1000;

let t: TestApp;
let port: number;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({
    HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    UPLOAD_TIMEOUT_MS: String(UPLOAD_MS),
    API_DOCS: 'login',
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

interface Trickle {
  /** What the server sent before the connection closed. */
  received: string;
  /** Milliseconds from the first byte sent to the connection's close. */
  closedAfterMs: number;
  /** Bytes of the trickle sent before the close. */
  sent: number;
}

/**
 * Opens a raw connection, sends `head` at once, then `trickle` one byte every `everyMs`, until the
 * server closes the connection (or `giveUpMs`, which fails the test).
 */
function trickle(head: string, trickleBytes: string, everyMs: number, giveUpMs = 15_000): Promise<Trickle> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | null = null;
    let started = 0;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open after ${giveUpMs} ms (${sent} bytes trickled)`));
    }, giveUpMs);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(head);
      timer = setInterval(() => {
        if (sent < trickleBytes.length && !socket.destroyed) socket.write(trickleBytes[sent++]!);
      }, everyMs);
    });
    socket.on('data', (d) => {
      received += d.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (timer) clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: performance.now() - started, sent });
    });
  });
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { code: string };

describe(`slow clients are cut off (${TEST_DB})`, () => {
  it('answers 408 and closes a connection whose headers arrive a byte a second, within HEADERS_TIMEOUT_MS', async () => {
    const r = await trickle('GET /api/health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1234567890\r\n\r\n', 1000);
    expect(statusOf(r.received), r.received).toBe(408);
    expect(bodyOf(r.received).code).toBe('REQUEST_TIMEOUT');
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(r.closedAfterMs).toBeLessThan(HEADERS_MS + SLACK_MS);
  });

  it('answers 408 and closes a JSON request whose body trickles in a byte a second, within REQUEST_TIMEOUT_MS', async () => {
    const body = JSON.stringify({ login: 'admin', password: 'x'.repeat(100) });
    const head =
      'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`;
    const r = await trickle(head, body, 1000);
    expect(statusOf(r.received), r.received).toBe(408);
    expect(bodyOf(r.received).code).toBe('REQUEST_TIMEOUT');
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(r.closedAfterMs).toBeLessThan(REQUEST_MS + SLACK_MS);
    expect(r.sent).toBeLessThan(body.length);
  });

  it('cuts a trickle that was answered early (401 before the body was read) as well', async () => {
    const head =
      'POST /api/projects HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n';
    const r = await trickle(head, '{'.padEnd(500, ' '), 200);
    expect(r.closedAfterMs).toBeLessThan(REQUEST_MS + SLACK_MS);
    expect(r.sent).toBeLessThan(500);
  });

  it('gives an upload UPLOAD_TIMEOUT_MS to arrive (longer than other requests), then answers 408 and closes', async () => {
    const boundary = '----slowupload';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7\n`;
    const head =
      `POST /api/attachments HTTP/1.1\r\nHost: localhost\r\nCookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 100000\r\n\r\n${part}`;
    const r = await trickle(head, 'x'.repeat(1000), 100);
    expect(statusOf(r.received), r.received).toBe(408);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(UPLOAD_MS - 50);
    expect(r.closedAfterMs).toBeLessThan(UPLOAD_MS + SLACK_MS);
  });

  it('keeps a contest board stream (server-sent events) open well past every request timeout', async () => {
    const w = await buildWorld(t);
    const s = t.services;
    const campaign = await createCampaign(s, t.admin, { orgId: w.a.dept.id, codePrefix: 'LT' });
    const secretary = contextFor(await actorOf(s, w.users.secretary.id));
    const projectId = await approvedProject(s, t.admin, secretary, {
      campaignId: campaign.id,
      orgId: w.a.committee.id,
    });
    const judge = await createUser(s, t.admin, { username: 'lt_judge', roles: [{ role: 'judge', orgId: w.city.id }] });
    const contest = await s.contests.create(
      t.admin,
      validated(contestCreateBody, {
        campaignId: campaign.id,
        name: '限时测试比武',
        contestDate: '2025-12-20',
        venue: '市委党校礼堂',
        projectIds: [projectId],
        judgeIds: [judge.id],
      }),
    );
    const stream = await openBoardStream(`http://127.0.0.1:${port}`, admin, contest.id);
    const opened = performance.now();
    expect((await stream.next()).contestId).toBe(contest.id);
    // Past the headers, request and upload timeouts (and Node's checks of them).
    await new Promise((resolve) => setTimeout(resolve, UPLOAD_MS + SLACK_MS));
    // A change after the wait still arrives on the same stream.
    await s.contests.draw(t.admin, contest.id, { version: contest.version, reason: null });
    const after = await stream.within(3000);
    expect(after.contestId).toBe(contest.id);
    expect(performance.now() - opened).toBeGreaterThan(UPLOAD_MS + SLACK_MS);
    await stream.close();
  });
});

describe(`API docs access (${TEST_DB})`, () => {
  it('with API_DOCS=login answers 401 (JSON) to anonymous requests and 200 to a logged-in user', async () => {
    for (const url of ['/api/docs', '/api/docs/json', '/api/docs/static/index.html']) {
      const anon = await call(t.app, null, 'GET', url);
      expect(anon.statusCode, url).toBe(401);
      expect(anon.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const page = await call(t.app, admin, 'GET', '/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const doc = await call(t.app, admin, 'GET', '/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expect(doc.json()).toHaveProperty('openapi');
  });

  it('with API_DOCS=off answers 404, logged in or not', async () => {
    const off = await createTestApp({ API_DOCS: 'off' });
    try {
      const s = await login(off.app, 'admin');
      for (const url of ['/api/docs', '/api/docs/json']) {
        for (const who of [null, s]) {
          const res = await call(off.app, who, 'GET', url);
          expect(res.statusCode, url).toBe(404);
          expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
        }
      }
    } finally {
      await off.close();
    }
  });

  it('defaults to login in production and public elsewhere', async () => {
    const secret = 'a'.repeat(64);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: secret }).apiDocs).toBe('login');
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: secret, API_DOCS: 'public' }).apiDocs).toBe('public');
    expect(loadConfig({ NODE_ENV: 'test', SECRET_KEY: secret }).apiDocs).toBe('public');
  });
});
