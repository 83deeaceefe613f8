import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestView } from '@touyan/schemas';
import { actorOf, contextFor, createCampaign, createUser } from '../src/seed/factories';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { approvedProject } from './probes/contests';
import { buildWorld, type World } from './world';

/**
 * How the web app's files and the API's answers travel (issue #9): the build's brotli / gzip copies
 * chosen by Accept-Encoding, hashed files cached for a year, index.html revalidated, HEAD like GET,
 * API JSON compressed on the fly, and never the contest board's event stream or a download.
 * The web app here is a folder made by the test (fake hashed names), precompressed by the same
 * script the web build runs.
 */
const PRECOMPRESS = path.resolve(import.meta.dirname, '../../web/scripts/precompress.mjs');
const APP_JS = 'assets/app-3f9a1c2e.js';
const SMALL_CSS = 'assets/small-77aa01bc.css';

let dist: string;
let t: TestApp;
let w: World;
let staff: Session;
let projectId: string;
let appJs: Buffer;
let indexHtml: Buffer;

function makeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'touyan-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  const js = Array.from({ length: 400 }, (_, i) => `export const value${i} = "头雁 ${i}".repeat(${i % 7});`).join('\n');
  writeFileSync(path.join(dir, APP_JS), js);
  writeFileSync(path.join(dir, SMALL_CSS), 'body{margin:0}');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>头雁</title>` +
    `<script type="module" crossorigin src="/${APP_JS}"></script>` +
    `<link rel="stylesheet" href="/${SMALL_CSS}"></head><body><div id="root"></div>` +
    `<!-- ${'padding '.repeat(200)} --></body></html>`;
  writeFileSync(path.join(dir, 'index.html'), html);
  execFileSync(process.execPath, [PRECOMPRESS, dir], { stdio: 'pipe' });
  return dir;
}

beforeAll(async () => {
  dist = makeDist();
  appJs = readFileSync(path.join(dist, APP_JS));
  indexHtml = readFileSync(path.join(dist, 'index.html'));
  t = await createTestApp({}, { webDist: dist });
  w = await buildWorld(t);
  const campaign = await createCampaign(t.services, t.admin, {
    orgId: w.a.dept.id,
    codePrefix: 'ST',
    eligibleOrgTypes: ['two_new_committee', 'branch'],
  });
  const secretary = contextFor(await actorOf(t.services, w.users.secretary.id));
  projectId = await approvedProject(t.services, t.admin, secretary, {
    campaignId: campaign.id,
    orgId: w.a.committee.id,
  });
  staff = await login(t.app, w.usernames.staff);
});
afterAll(async () => {
  await t?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, method: 'GET' | 'HEAD' = 'GET') =>
  t.app.inject({ method, url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

const varyList = (v: unknown) =>
  String(v ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim());

describe('the web app files', () => {
  it('the build script writes .br and .gz copies of text files over 1 KB only, each smaller than the file', () => {
    for (const ext of ['.br', '.gz']) {
      expect(existsSync(path.join(dist, APP_JS + ext))).toBe(true);
      expect(existsSync(path.join(dist, 'index.html' + ext))).toBe(true);
      expect(existsSync(path.join(dist, SMALL_CSS + ext))).toBe(false);
      expect(readFileSync(path.join(dist, APP_JS + ext)).length).toBeLessThan(appJs.length);
    }
    expect(brotliDecompressSync(readFileSync(path.join(dist, `${APP_JS}.br`)))).toEqual(appJs);
    expect(gunzipSync(readFileSync(path.join(dist, `${APP_JS}.gz`)))).toEqual(appJs);
  });

  it('sends the brotli copy to a browser that accepts br, the gzip copy to one that accepts only gzip, the file otherwise; each varies on Accept-Encoding', async () => {
    const br = await get(`/${APP_JS}`, 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(varyList(br.headers.vary)).toContain('accept-encoding');
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(appJs.length / 3);
    expect(brotliDecompressSync(br.rawPayload)).toEqual(appJs);

    const gz = await get(`/${APP_JS}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(varyList(gz.headers.vary)).toContain('accept-encoding');
    expect(gunzipSync(gz.rawPayload)).toEqual(appJs);

    for (const accept of [undefined, 'identity']) {
      const plain = await get(`/${APP_JS}`, accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(varyList(plain.headers.vary)).toContain('accept-encoding');
      expect(plain.rawPayload).toEqual(appJs);
    }

    // A file too small to have copies is sent as it is, to everyone.
    const css = await get(`/${SMALL_CSS}`, 'br, gzip');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body).toBe('body{margin:0}');
  });

  it('caches hashed files under /assets/ for a year as immutable; index.html, client routes and other files are revalidated', async () => {
    for (const accept of ['br', 'gzip', undefined]) {
      const res = await get(`/${APP_JS}`, accept);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect((await get(`/${SMALL_CSS}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/projects', '/judge/contests/01JABCDEF', '/favicon.svg']) {
      for (const accept of ['br', undefined]) {
        const res = await get(url, accept);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], `${url} (${accept})`).toBe('no-cache');
        expect(res.headers.etag ?? res.headers['last-modified'], url).toBeTruthy();
      }
    }
  });

  it('answers a client route with index.html, compressed when accepted', async () => {
    const br = await get('/projects', 'br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-type']).toContain('text/html');
    expect(br.headers['content-encoding']).toBe('br');
    expect(varyList(br.headers.vary)).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload)).toEqual(indexHtml);
    const plain = await get('/projects');
    expect(plain.rawPayload).toEqual(indexHtml);
  });

  it('answers HEAD on a client route and on a file like GET: 200, the same headers, no body', async () => {
    for (const url of ['/projects', '/judge', '/', `/${APP_JS}`]) {
      const head = await get(url, 'br', 'HEAD');
      const full = await get(url, 'br');
      expect(head.statusCode, url).toBe(200);
      expect(head.rawPayload.length, url).toBe(0);
      for (const h of ['content-type', 'content-encoding', 'cache-control', 'content-security-policy']) {
        expect(head.headers[h], `${url} ${h}`).toBe(full.headers[h]);
      }
    }
    // Unknown API paths stay 404, whatever the method.
    expect((await get('/api/nothing-here', undefined, 'HEAD')).statusCode).toBe(404);
    expect((await get('/api/nothing-here')).json().code).toBe('NOT_FOUND');
  });
});

describe(`API answers (${TEST_DB})`, () => {
  it('compresses JSON over 1 KB for a client that accepts it (br first, else gzip), and not for one that does not', async () => {
    const url = `/api/projects/${projectId}`;
    const plain = await call(t.app, staff, 'GET', url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await call(t.app, staff, 'GET', url, undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(varyList(br.headers.vary)).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length * 0.8);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    const gz = await call(t.app, staff, 'GET', url, undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());

    // A small answer is not worth it.
    const me = await call(t.app, staff, 'GET', '/api/auth/me', undefined, { 'accept-encoding': 'br' });
    expect(me.statusCode).toBe(200);
    // (the answer's own size decides, not the compressed one's)
    const mePlain = await call(t.app, staff, 'GET', '/api/auth/me');
    if (mePlain.rawPayload.length < 1024) expect(me.headers['content-encoding']).toBeUndefined();
    const health = await get('/api/health', 'br');
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('ignores a compressed request body instead of inflating it (no decompression bomb)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]),
    });
    expect(res.statusCode).toBe(400);
  });

  it('sends Excel exports and attachments as they are, whatever the client accepts', async () => {
    const xlsx = await call(t.app, staff, 'GET', '/api/projects/export.xlsx', undefined, {
      'accept-encoding': 'br, gzip',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]);
    const mp = multipart({ projectId }, { field: 'file', filename: '现场.png', type: 'image/png', data: png });
    const secretary = await login(t.app, w.usernames.secretary);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie: secretary.cookie, 'x-csrf-token': secretary.csrf, ...mp.headers },
      payload: mp.body,
    });
    expect(up.statusCode, up.body).toBe(200);
    const down = await call(t.app, staff, 'GET', `/api/attachments/${up.json().id}`, undefined, {
      'accept-encoding': 'br, gzip',
    });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-encoding']).toBeUndefined();
    expect(Number(down.headers['content-length'])).toBe(png.length);
    expect(down.rawPayload).toEqual(png);
  });

  it('never compresses the contest board event stream, even for a client that accepts br: each event arrives as it is sent', async () => {
    const judge = await createUser(t.services, t.admin, {
      username: 'st_judge',
      roles: [{ role: 'judge', orgId: w.a.dept.id }],
    });
    const created = await call(t.app, staff, 'POST', '/api/contests', {
      campaignId: (await t.services.projects.get(t.admin, projectId)).campaignId,
      name: '静态资源测试比武',
      contestDate: '2025-12-20',
      venue: '党校礼堂',
      projectIds: [projectId],
      judgeIds: [judge.id],
    });
    expect(created.statusCode, created.body).toBe(200);
    const contest = created.json() as ContestView;

    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const { headers, first } = await new Promise<{ headers: http.IncomingHttpHeaders; first: string }>(
      (resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port,
            path: `/api/contests/${contest.id}/stream`,
            headers: { cookie: staff.cookie, 'accept-encoding': 'br, gzip', accept: 'text/event-stream' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
              // The first event is readable as plain text before the stream ends.
              if (text.includes('\n\n')) {
                resolve({ headers: res.headers, first: text });
                req.destroy();
              }
            });
          },
        );
        req.on('error', reject);
        setTimeout(() => reject(new Error('no event within 10 s')), 10_000).unref();
      },
    );
    expect(headers['content-type']).toContain('text/event-stream');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers['cache-control']).toContain('no-transform');
    expect(headers['x-accel-buffering']).toBe('no');
    expect(first.startsWith('event: board\ndata: {')).toBe(true);
  });
});
