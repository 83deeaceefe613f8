import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contestCreateBody, type ContestBoard } from '@touyan/schemas';
import {
  actorOf,
  contextFor,
  createCampaign,
  createPartyOrg,
  createUser,
  DEMO_PASSWORD,
  validated,
} from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { createTestApp, multipart, TEST_DB, type TestApp } from './harness';
import { approvedProject } from './probes/contests';
import { startS3 } from './s3-server';

/**
 * Issue 16, the tested topology: nginx (deploy/nginx.conf, the file in the repo, placeholders filled)
 * with TLS (a self-signed certificate made here) in front of TWO SERVER PROCESSES — each started as
 * production starts it (`server/src/main.ts`, run by tsx: migrations and seeding under the start-up
 * lock, the job queue, the contest relay) with its own data directory — on one PostgreSQL database,
 * sharing S3-compatible storage (s3rver in this process). Every request of the scenario goes through
 * nginx over HTTPS; nginx spreads them round robin, and each process's own Prometheus counters
 * (read on its loopback port) show which process served what. The test process only makes the data
 * (a contest under way) directly in the database, through the services.
 */
const NGINX = '/usr/sbin/nginx';
const ROOT = path.resolve(import.meta.dirname, '../..');
const enabled = TEST_DB === 'postgres' && existsSync(NGINX);
const SCORES = { topic_precision: 18, tackling_results: 35, demonstration: 16, presentation: 17 };

interface AppProcess {
  name: string;
  child: ChildProcess;
  port: number;
  /** Its stdout and stderr (JSON log lines at warn and above). */
  output: string[];
  exited: Promise<number | null>;
  /** Set when the test stops it: how many lines were logged before (later 503s are the drain's). */
  stoppedAt: number | null;
}

let s3: Awaited<ReturnType<typeof startS3>>;
let t: TestApp;
const procs: AppProcess[] = [];
let nginx: ChildProcess | null = null;
const dirs: string[] = [];
let port = 0;
let ca: Buffer;
let contestId = '';
let projectId = '';
let staffLogin = '';
const judgeLogins: string[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });

/** A server process as deployed behind the proxy (README, "Deployment"). */
async function startProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `touyan-${name}-`));
  dirs.push(dataDir);
  const p = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(p),
      DATA_DIR: dataDir,
      TRUST_PROXY: 'true',
      HTTPS: 'true',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) {
    s.setEncoding('utf8');
    s.on('data', (d: string) => output.push(...d.split('\n').filter(Boolean)));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, port: p, output, exited, stoppedAt: null };
}

/** Waits until the process answers ready on its own port (or fails with its output if it exits). */
async function untilReady(p: AppProcess, ms: number) {
  const deadline = performance.now() + ms;
  let gone = false;
  void p.exited.then(() => (gone = true));
  while (performance.now() < deadline) {
    if (gone) throw new Error(`${p.name} exited while starting:\n${p.output.join('\n')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${p.port}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${p.name} not ready within ${ms} ms:\n${p.output.join('\n')}`);
}

/** Server errors a process logged (level error or worse, a 5xx answer), as the harness checks in-process apps. */
function serverErrors(p: AppProcess): string[] {
  return p.output.filter((line, i) => {
    try {
      const e = JSON.parse(line) as { level?: number; res?: { statusCode?: number } };
      const draining = p.stoppedAt !== null && i >= p.stoppedAt && e.res?.statusCode === 503;
      return (e.level ?? 0) >= 50 || ((e.res?.statusCode ?? 0) >= 500 && !draining);
    } catch {
      // Not a log line: an uncaught error's message or stack (a warning printed by node is not one).
      return /\bError\b|^\s+at /.test(line);
    }
  });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(
  method: string,
  url: string,
  opts: { cookie?: string; csrf?: string; body?: Buffer | string; headers?: Record<string, string> },
  onResponse: (res: IncomingMessage) => void,
  onError: (e: Error) => void,
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
  const req = https.request(
    { host: '127.0.0.1', port, path: url, method, headers, ca, servername: 'localhost', agent: false },
    onResponse,
  );
  req.on('error', onError);
  if (opts.body !== undefined) req.write(opts.body);
  req.end();
  return req;
}

/** One request through nginx over HTTPS. */
function request(
  method: string,
  url: string,
  opts: { cookie?: string; csrf?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    send(
      method,
      url,
      opts,
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
      reject,
    );
  });
}

interface Login {
  cookie: string;
  csrf: string;
}

async function login(username: string): Promise<Login> {
  const r = await request('POST', '/api/auth/login', {
    body: JSON.stringify({ login: username, password: DEMO_PASSWORD }),
    headers: { 'content-type': 'application/json' },
  });
  expect(r.status, r.body.toString()).toBe(200);
  const set = r.headers['set-cookie'] as string[];
  // Behind TLS (HTTPS=true): Secure cookies and HSTS.
  expect(set.every((c) => /;\s*Secure/i.test(c))).toBe(true);
  expect(r.headers['strict-transport-security']).toBeDefined();
  const cookie = set.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: /ty_csrf=([^;]+)/.exec(cookie)![1]! };
}

/** The contest board's event stream opened through nginx: boards as they arrive, and its end. */
function openBoard(s: Login, id: string) {
  return new Promise<{
    next: (ms: number) => Promise<ContestBoard>;
    ended: Promise<void>;
    close: () => void;
  }>((resolve, reject) => {
    const boards: ContestBoard[] = [];
    let wake: (() => void) | null = null;
    let buffer = '';
    let done = false;
    let endedResolve: () => void = () => undefined;
    const ended = new Promise<void>((r) => (endedResolve = r));
    const req = send(
      'GET',
      `/api/contests/${id}/stream`,
      { cookie: s.cookie },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buffer += d;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((l) => l.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) boards.push(JSON.parse(data.slice(6)) as ContestBoard);
          }
          wake?.();
        });
        const finish = () => {
          done = true;
          endedResolve();
          wake?.();
        };
        res.on('end', finish);
        res.on('close', finish);
        resolve({
          next: async (ms) => {
            const deadline = performance.now() + ms;
            while (!boards.length) {
              if (done) throw new Error('stream ended');
              const left = deadline - performance.now();
              if (left <= 0) throw new Error(`no board event within ${ms} ms`);
              await new Promise<void>((r) => {
                wake = r;
                setTimeout(r, left);
              });
              wake = null;
            }
            return boards.shift()!;
          },
          ended,
          close: () => req.destroy(),
        });
      },
      reject,
    );
  });
}

/** A process's own metrics, read on its loopback port (never through nginx). */
async function metrics(p: AppProcess): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${p.port}/api/metrics`);
  expect(r.status).toBe(200);
  return r.text();
}

/** How many requests of a route a process answered. */
async function served(p: AppProcess, method: string, route: string): Promise<number> {
  let n = 0;
  for (const line of (await metrics(p)).split('\n')) {
    if (
      line.startsWith('http_requests_total{') &&
      line.includes(`method="${method}"`) &&
      line.includes(`route="${route}"`)
    )
      n += Number(line.split(' ').pop());
  }
  return n;
}

async function streamsOpen(p: AppProcess): Promise<number> {
  const m = /^sse_streams_open\{[^}]*\} (\d+)$/m.exec(await metrics(p));
  return Number(m![1]);
}

/**
 * A contest under way (its first project on stage, two judges), made through the services: a city,
 * a county department and its committee, the committee's secretary with an approved project, the
 * county's staff member who runs the big screen.
 */
async function contestUnderWay() {
  const s = t.services;
  const rng = new Rng(16);
  const org = (name: string, type: 'sw_dept' | 'two_new_committee', regionCode: string, parentId: string | null) =>
    createPartyOrg(s, t.admin, { name, type, regionCode, parentId }, rng);
  const city = await org('中共丹东市委社会工作部', 'sw_dept', '210600', null);
  const dept = await org('中共振兴区委社会工作部', 'sw_dept', '210603', city.id);
  const committee = await org('振兴区"两新"工委', 'two_new_committee', '210603', dept.id);
  const user = (username: string, role: 'secretary' | 'staff' | 'judge', orgId: string) =>
    createUser(s, t.admin, { username, roles: [{ role, orgId }] }, rng);
  const secretary = await user('tp_secretary', 'secretary', committee.id);
  await user((staffLogin = 'tp_staff'), 'staff', dept.id);
  const judgeIds: string[] = [];
  for (let i = 1; i <= 2; i++) {
    judgeIds.push((await user(`tp_j${i}`, 'judge', city.id)).id);
    judgeLogins.push(`tp_j${i}`);
  }
  const campaign = await createCampaign(s, t.admin, {
    orgId: dept.id,
    name: '振兴区书记项目（拓扑）',
    codePrefix: 'TP',
  });
  projectId = await approvedProject(
    s,
    t.admin,
    contextFor(await actorOf(s, secretary.id)),
    { campaignId: campaign.id, orgId: committee.id, title: '两进程大屏' },
    rng,
  );
  let v = await s.contests.create(
    t.admin,
    validated(contestCreateBody, {
      campaignId: campaign.id,
      name: '两进程比武',
      contestDate: '2025-12-20',
      venue: '市委党校礼堂',
      projectIds: [projectId],
      judgeIds,
    }),
  );
  v = await s.contests.draw(t.admin, v.id, { version: v.version, reason: null });
  v = await s.contests.ready(t.admin, v.id, v.version);
  v = await s.contests.start(t.admin, v.id, v.version);
  v = await s.contests.next(t.admin, v.id, v.version);
  contestId = v.id;
}

beforeAll(async () => {
  if (!enabled) return;
  s3 = await startS3();
  // The database (migrated, regions, the administrator) and its key; the processes share both.
  t = await createTestApp();
  const env: Record<string, string> = {
    ...s3.env,
    DATABASE_URL: (t.config.db as { url: string }).url,
    SECRET_KEY: t.config.secretKey.toString('hex'),
  };
  // Both processes load while the test makes its data.
  procs.push(await startProcess('app1', env), await startProcess('app2', env));
  await contestUnderWay();
  await Promise.all(procs.map((p) => untilReady(p, 90_000)));

  const prefix = mkdtempSync(path.join(tmpdir(), 'touyan-nginx-'));
  dirs.push(prefix);
  const cert = path.join(prefix, 'cert.pem');
  const key = path.join(prefix, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(cert);
  port = await freePort();
  const conf = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    .replaceAll('__PREFIX__', prefix)
    .replaceAll('__APP1__', `127.0.0.1:${procs[0]!.port}`)
    .replaceAll('__APP2__', `127.0.0.1:${procs[1]!.port}`)
    .replaceAll('__PORT__', String(port))
    .replaceAll('__CERT__', cert)
    .replaceAll('__KEY__', key);
  expect(conf).not.toMatch(/__[A-Z0-9]+__/);
  const confFile = path.join(prefix, 'nginx.conf');
  writeFileSync(confFile, conf);
  execFileSync(NGINX, ['-t', '-p', prefix, '-c', confFile], { stdio: 'pipe' });
  nginx = spawn(NGINX, ['-p', prefix, '-c', confFile, '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await request('GET', '/api/health')).status === 200) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 180_000);

afterAll(async () => {
  if (nginx) {
    nginx.kill('SIGQUIT');
    await new Promise((resolve) => nginx!.once('exit', resolve));
  }
  for (const p of procs) {
    p.stoppedAt ??= p.output.length;
    if (p.child.exitCode === null) p.child.kill('SIGTERM');
  }
  await Promise.all(procs.map((p) => p.exited));
  await t?.close();
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!enabled)('nginx + TLS in front of two server processes on one PostgreSQL (deploy/nginx.conf)', () => {
  let admin: Login;

  it('starts two processes (their own data directories, one key) and logs in through nginx; the session works on both', async () => {
    expect(procs[0]!.child.pid).not.toBe(procs[1]!.child.pid);
    admin = await login('admin');
    for (let i = 0; i < 4; i++)
      expect((await request('GET', '/api/auth/me', { cookie: admin.cookie })).status).toBe(200);
    for (const p of procs) expect(await served(p, 'GET', '/api/auth/me')).toBeGreaterThan(0);
  });

  it('uploads through one process and downloads through the other (S3-compatible storage)', async () => {
    const files: { id: string; sha: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const data = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200_000)]);
      const mp = multipart({}, { field: 'file', filename: `图${i}.png`, type: 'image/png', data });
      const r = await request('POST', '/api/attachments', { ...admin, body: mp.body, headers: mp.headers });
      expect(r.status, r.body.toString()).toBe(200);
      files.push({
        id: (JSON.parse(r.body.toString()) as { id: string }).id,
        sha: createHash('sha256').update(data).digest('hex'),
      });
    }
    for (const p of procs) expect(await served(p, 'POST', '/api/attachments')).toBe(1);
    for (let round = 0; round < 2; round++)
      for (const f of files) {
        const got = await request('GET', `/api/attachments/${f.id}`, { cookie: admin.cookie });
        expect(got.status).toBe(200);
        expect(createHash('sha256').update(got.body).digest('hex')).toBe(f.sha);
      }
    for (const p of procs) expect(await served(p, 'GET', '/api/attachments/:id')).toBe(2);
  });

  it('logs out through one process and is refused by both at once', async () => {
    const before = await Promise.all(procs.map((p) => served(p, 'GET', '/api/auth/me')));
    expect((await request('POST', '/api/auth/logout', admin)).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await request('GET', '/api/auth/me', { cookie: admin.cookie })).status).toBe(401);
    for (const [i, p] of procs.entries()) expect(await served(p, 'GET', '/api/auth/me')).toBeGreaterThan(before[i]!);
  });

  it('keeps the metrics off the internet (nginx answers 404) and reports both processes ready', async () => {
    expect((await request('GET', '/api/metrics')).status).toBe(404);
    for (let i = 0; i < 2; i++) expect((await request('GET', '/api/ready')).status).toBe(200);
  });

  it('shows a score submitted through one process on the live board streaming from the other, through nginx', async () => {
    const staff = await login(staffLogin);
    const judges = [];
    for (const j of judgeLogins) judges.push(await login(j));
    const board = await openBoard(staff, contestId);
    try {
      expect((await board.next(5000)).current).toMatchObject({ projectId, submitted: 0, eligibleJudges: 2 });
      const holder = (await Promise.all(procs.map(streamsOpen))).map((n) => n === 1);
      expect(holder.filter(Boolean)).toHaveLength(1);
      const route = '/api/contests/:id/projects/:projectId/sheet';
      // Round robin: of two submissions one step after the other, one goes to each process.
      const where: boolean[] = [];
      for (const [i, judge] of judges.entries()) {
        const before = await Promise.all(procs.map((p) => served(p, 'PUT', route)));
        const started = performance.now();
        const r = await request('PUT', `/api/contests/${contestId}/projects/${projectId}/sheet`, {
          ...judge,
          body: JSON.stringify({ scores: SCORES }),
          headers: { 'content-type': 'application/json' },
        });
        expect(r.status, r.body.toString()).toBe(200);
        for (;;) {
          const b = await board.next(Math.max(1, 2000 - (performance.now() - started)));
          if (b.current?.submitted === i + 1) break;
        }
        const after = await Promise.all(procs.map((p) => served(p, 'PUT', route)));
        const servedBy = after.findIndex((n, k) => n > before[k]!);
        // true: submitted on the process that does not hold the stream (relayed by LISTEN/NOTIFY).
        where.push(!holder[servedBy]);
      }
      expect(where.sort()).toEqual([false, true]);
    } finally {
      board.close();
    }
  });

  it('stops one process gracefully (SIGTERM): its board stream ends, nginx sends everything to the other', async () => {
    const staff = await login(staffLogin);
    const board = await openBoard(staff, contestId);
    await board.next(5000);
    const holder = procs[(await streamsOpen(procs[0]!)) === 1 ? 0 : 1]!;
    holder.stoppedAt = holder.output.length;
    holder.child.kill('SIGTERM');
    // The stream ends (the browser's EventSource reconnects, through nginx, to the other process).
    await board.ended;
    expect(await holder.exited).toBe(0);
    const again = await openBoard(staff, contestId);
    expect((await again.next(5000)).current).toMatchObject({ projectId, submitted: 2 });
    again.close();
    for (let i = 0; i < 4; i++) expect((await request('GET', '/api/ready')).status).toBe(200);
  });

  it('logged no server error in either process', () => {
    for (const p of procs) expect(serverErrors(p), p.name).toEqual([]);
  });
});
