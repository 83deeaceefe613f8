import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { DEMO_PASSWORD } from '../src/seed/factories';
import { createTestApp, type TestApp } from './harness';

/**
 * Plain HTTP on a LAN versus HTTPS (issue #9): phones opening http://192.168.x.y:3000 saw a blank
 * page because the CSP asked for `upgrade-insecure-requests` whatever the transport, and production
 * sent `Secure` cookies the browser drops over http. Only a platform served over HTTPS (built-in TLS,
 * or HTTPS=true behind a TLS proxy) sends those, plus HSTS.
 */
let dir: string;
let cert: string;
let key: string;
const SECRET = 'ab'.repeat(32);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'touyan-tls-'));
  cert = path.join(dir, 'cert.pem');
  key = path.join(dir, 'key.pem');
  // A throw-away self-signed certificate for localhost (P-256, one day).
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
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
    { stdio: 'pipe' },
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const login = (t: TestApp) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: DEMO_PASSWORD } });

/** Each Set-Cookie header of a reply. */
const setCookies = (headers: Record<string, unknown>) => {
  const v = headers['set-cookie'];
  return (Array.isArray(v) ? v : v ? [v] : []).map(String);
};

describe('the transport setting', () => {
  const env = (extra: NodeJS.ProcessEnv) => ({ NODE_ENV: 'production', SECRET_KEY: SECRET, DATA_DIR: dir, ...extra });

  it('plain HTTP by default, also in production: no Secure cookies', () => {
    const c = loadConfig(env({}));
    expect(c.https).toBe(false);
    expect(c.tls).toBeNull();
    expect(c.cookieSecure).toBe(false);
  });

  it('HTTPS=true (behind a TLS proxy) or both TLS files mean HTTPS, and Secure cookies by default', () => {
    const proxied = loadConfig(env({ HTTPS: 'true' }));
    expect(proxied).toMatchObject({ https: true, tls: null, cookieSecure: true });
    const builtIn = loadConfig(env({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key }));
    expect(builtIn).toMatchObject({ https: true, cookieSecure: true, tls: { certFile: cert, keyFile: key } });
  });

  it('COOKIE_SECURE still overrides the cookie flag either way', () => {
    expect(loadConfig(env({ HTTPS: 'true', COOKIE_SECURE: 'false' })).cookieSecure).toBe(false);
    expect(loadConfig(env({ COOKIE_SECURE: 'true' })).cookieSecure).toBe(true);
  });

  it('refuses to start with one TLS file alone, an unreadable one, or HTTPS=false with TLS files, naming the problem', () => {
    expect(() => loadConfig(env({ TLS_CERT_FILE: cert }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ TLS_CERT_FILE: cert }))).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
    expect(() => loadConfig(env({ TLS_KEY_FILE: key }))).toThrow(/only TLS_KEY_FILE is set/);
    expect(() => loadConfig(env({ TLS_CERT_FILE: cert, TLS_KEY_FILE: path.join(dir, 'missing.pem') }))).toThrow(
      /TLS_KEY_FILE .*missing\.pem is not a readable file/,
    );
    expect(() => loadConfig(env({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key, HTTPS: 'false' }))).toThrow(
      /HTTPS=false contradicts/,
    );
  });
});

describe('over plain HTTP in production (a LAN address)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => t?.close());

  it('sends no upgrade-insecure-requests and no HSTS, so the page loads its scripts over http', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sets the session and CSRF cookies without Secure, so the browser keeps them over http', async () => {
    const res = await login(t);
    expect(res.statusCode).toBe(200);
    const cookies = setCookies(res.headers);
    expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual(['ty_csrf', 'ty_session']);
    for (const c of cookies) {
      expect(c).not.toMatch(/;\s*Secure/i);
      expect(c).toMatch(/SameSite=Lax/i);
    }
  });
});

describe('behind a TLS reverse proxy (HTTPS=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', HTTPS: 'true', TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  it('sends upgrade-insecure-requests, HSTS and Secure cookies', async () => {
    const health = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(String(health.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const cookies = setCookies((await login(t)).headers);
    expect(cookies).toHaveLength(2);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
  });
});

describe('built-in HTTPS (TLS_CERT_FILE and TLS_KEY_FILE)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t?.close());

  /** A request over TLS trusting only the test's certificate. */
  const request = (method: string, url: string, body?: unknown) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port,
          method,
          path: url,
          ca: readFileSync(cert),
          headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {},
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(data);
    });

  it('answers over https with HSTS and upgrade-insecure-requests', async () => {
    const res = await request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('logs in over https with Secure session and CSRF cookies', async () => {
    const res = await request('POST', '/api/auth/login', { login: 'admin', password: DEMO_PASSWORD });
    expect(res.status, res.body).toBe(200);
    const cookies = setCookies(res.headers);
    expect(cookies).toHaveLength(2);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
  });

  it('does not answer plain http on the same port', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });
});
