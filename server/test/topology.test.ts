import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/database';
import { DEMO_PASSWORD } from '../src/seed/factories';
import { createTestApp, multipart, TEST_DB, type TestApp } from './harness';
import { startS3 } from './s3-server';

/**
 * Issue 16, the tested topology: nginx (deploy/nginx.conf, the file in the repo, placeholders filled)
 * with TLS (a self-signed certificate made here) in front of two app instances on one PostgreSQL
 * database, each with its own data directory, sharing S3-compatible storage (s3rver). Every request
 * below goes through nginx over HTTPS; nginx spreads them round robin, and each instance's own
 * Prometheus counters show that both served each kind of request.
 */
const NGINX = '/usr/sbin/nginx';
const enabled = TEST_DB === 'postgres' && existsSync(NGINX);

let s3: Awaited<ReturnType<typeof startS3>>;
let a: TestApp;
let b: BuiltApp;
let bDatabase: Database;
let nginx: ChildProcess | null = null;
const dirs: string[] = [];
let port = 0;
let ca: Buffer;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function request(
  method: string,
  url: string,
  opts: { cookie?: string; csrf?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const req = https.request(
      { host: '127.0.0.1', port, path: url, method, headers, ca, servername: 'localhost', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** How many times an instance answered a route (its own metrics, read on loopback). */
async function served(app: BuiltApp['app'], method: string, route: string): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/api/metrics' })).body;
  let n = 0;
  for (const line of text.split('\n')) {
    if (
      line.startsWith('http_requests_total{') &&
      line.includes(`method="${method}"`) &&
      line.includes(`route="${route}"`)
    )
      n += Number(line.split(' ').pop());
  }
  return n;
}

beforeAll(async () => {
  if (!enabled) return;
  s3 = await startS3();
  a = await createTestApp({ ...s3.env, TRUST_PROXY: 'true', HTTPS: 'true' });
  const bDir = mkdtempSync(path.join(tmpdir(), 'touyan-b-'));
  dirs.push(bDir);
  bDatabase = openDatabase(a.config.db);
  b = await buildApp({ ...a.config, dataDir: bDir, logLevel: 'silent' }, bDatabase);
  const app1 = new URL(await a.app.listen({ host: '127.0.0.1', port: 0 })).host;
  const app2 = new URL(await b.app.listen({ host: '127.0.0.1', port: 0 })).host;

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
  const conf = readFileSync(path.resolve(import.meta.dirname, '../../deploy/nginx.conf'), 'utf8')
    .replaceAll('__PREFIX__', prefix)
    .replaceAll('__APP1__', app1)
    .replaceAll('__APP2__', app2)
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
});

afterAll(async () => {
  if (nginx) {
    nginx.kill('SIGQUIT');
    await new Promise((resolve) => nginx!.once('exit', resolve));
  }
  await b?.app.close();
  await bDatabase?.close();
  await a?.close();
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!enabled)('nginx + TLS in front of two app instances on one PostgreSQL (deploy/nginx.conf)', () => {
  let cookie = '';
  let csrf = '';

  it('logs in through nginx over HTTPS; the session works on both instances', async () => {
    const r = await request('POST', '/api/auth/login', {
      body: JSON.stringify({ login: 'admin', password: DEMO_PASSWORD }),
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status, r.body.toString()).toBe(200);
    const set = r.headers['set-cookie'] as string[];
    // Behind TLS (HTTPS=true): Secure cookies and HSTS.
    expect(set.every((c) => /;\s*Secure/i.test(c))).toBe(true);
    expect(r.headers['strict-transport-security']).toBeDefined();
    cookie = set.map((c) => c.split(';')[0]).join('; ');
    csrf = /ty_csrf=([^;]+)/.exec(cookie)![1]!;
    for (let i = 0; i < 4; i++) expect((await request('GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect(await served(a.app, 'GET', '/api/auth/me')).toBeGreaterThan(0);
    expect(await served(b.app, 'GET', '/api/auth/me')).toBeGreaterThan(0);
  });

  it('uploads through one instance and downloads through the other (S3-compatible storage)', async () => {
    const files: { id: string; sha: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const data = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200_000)]);
      const mp = multipart({}, { field: 'file', filename: `图${i}.png`, type: 'image/png', data });
      const r = await request('POST', '/api/attachments', { cookie, csrf, body: mp.body, headers: mp.headers });
      expect(r.status, r.body.toString()).toBe(200);
      files.push({
        id: (JSON.parse(r.body.toString()) as { id: string }).id,
        sha: createHash('sha256').update(data).digest('hex'),
      });
    }
    expect(await served(a.app, 'POST', '/api/attachments')).toBe(1);
    expect(await served(b.app, 'POST', '/api/attachments')).toBe(1);
    for (let round = 0; round < 2; round++)
      for (const f of files) {
        const got = await request('GET', `/api/attachments/${f.id}`, { cookie });
        expect(got.status).toBe(200);
        expect(createHash('sha256').update(got.body).digest('hex')).toBe(f.sha);
      }
    expect(await served(a.app, 'GET', '/api/attachments/:id')).toBe(2);
    expect(await served(b.app, 'GET', '/api/attachments/:id')).toBe(2);
  });

  it('logs out through one instance and is refused by both at once', async () => {
    const before = [await served(a.app, 'GET', '/api/auth/me'), await served(b.app, 'GET', '/api/auth/me')];
    expect((await request('POST', '/api/auth/logout', { cookie, csrf })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect(await served(a.app, 'GET', '/api/auth/me')).toBeGreaterThan(before[0]!);
    expect(await served(b.app, 'GET', '/api/auth/me')).toBeGreaterThan(before[1]!);
  });

  it('keeps the metrics off the internet (nginx answers 404) and reports both instances ready', async () => {
    expect((await request('GET', '/api/metrics')).status).toBe(404);
    for (let i = 0; i < 2; i++) expect((await request('GET', '/api/ready')).status).toBe(200);
  });
});
