/**
 * Raw input rules that hold for every route on both databases: no control characters (PostgreSQL
 * used to answer 500 on a NUL, SQLite stored it), no lone surrogates, bounded nesting, JSON bodies
 * only (415 otherwise), a clear answer for broken JSON, and page cursors the lists handed out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyOrgInput } from '../src/seed/factories';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

const CONTROL_MESSAGE = '不能包含控制字符';
const orgBody = (overrides: Record<string, unknown>) => ({
  ...partyOrgInput({ name: '测试支部', type: 'branch', regionCode: '210603', parentId: w.a.committee.id }),
  ...overrides,
});

describe(`control characters in input (${TEST_DB})`, () => {
  it('refuses a NUL in the login form with 400 naming the field, in Chinese, without a session', async () => {
    const res = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_staff\u0000', password: 'Touyan@2025' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查标出的字段',
      fields: { login: CONTROL_MESSAGE },
    });
    const pw = await call(t.app, null, 'POST', '/api/auth/login', { login: 'a_staff', password: 'Touyan@2025\u0000' });
    expect(pw.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { password: CONTROL_MESSAGE } });
  });

  it('refuses a NUL in a body field with 400 naming the field, and stores nothing', async () => {
    const res = await call(t.app, admin, 'POST', '/api/party-orgs', orgBody({ name: '甲\u0000乙支部' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { name: CONTROL_MESSAGE } });
    const list = await call(t.app, admin, 'GET', `/api/party-orgs?q=${encodeURIComponent('甲')}`);
    expect(JSON.stringify(list.json())).not.toContain('乙支部');
  });

  it('answers in English on request', async () => {
    const res = await call(t.app, admin, 'POST', '/api/party-orgs', orgBody({ note: 'esc\u001b[31m' }), {
      'accept-language': 'en',
    });
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { note: 'Must not contain control characters' },
    });
  });

  it('refuses C1 controls, DEL, a bare CR and lone surrogates, each naming the field', async () => {
    for (const note of ['nel\u0085', 'del\u007f', 'a\rb']) {
      const res = await call(t.app, admin, 'POST', '/api/party-orgs', orgBody({ note }));
      expect(res.json(), JSON.stringify(note)).toMatchObject({ fields: { note: CONTROL_MESSAGE } });
    }
    const lone = await call(t.app, admin, 'POST', '/api/party-orgs', JSON.stringify(orgBody({ note: 'x\ud800' })), {
      'content-type': 'application/json',
    });
    expect(lone.statusCode).toBe(400);
    expect(lone.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { note: '含有无效字符' } });
  });

  it('keeps tabs, line feeds and CRLF line ends', async () => {
    const note = '第一行\r\n第二行\n\t缩进';
    const res = await call(t.app, admin, 'POST', '/api/party-orgs', orgBody({ name: '换行测试支部', note }));
    expect(res.statusCode).toBe(200);
    const got = await call(t.app, admin, 'GET', `/api/party-orgs/${res.json().id}`);
    expect(got.json().note).toBe(note);
  });

  it('refuses control characters in query strings and path parameters', async () => {
    const q = await call(t.app, admin, 'GET', '/api/party-orgs?q=a%00b');
    expect(q.statusCode).toBe(400);
    expect(q.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { q: CONTROL_MESSAGE } });
    const id = await call(t.app, admin, 'GET', `/api/party-orgs/${w.a.branch.id.slice(0, 20)}%00`);
    expect(id.statusCode).toBe(400);
    expect(id.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { id: CONTROL_MESSAGE } });
  });

  it('refuses 10 000 nested arrays as too deep, without exhausting the stack', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const res = await call(t.app, admin, 'POST', '/api/party-orgs', `{"name":"x","note":${deep}}`, {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { note: '嵌套层级过深' } });
  });
});

describe(`uploads (${TEST_DB})`, () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');

  it('stores a file whose name holds control characters or a bidi override under a cleaned name', async () => {
    const form = multipart(
      {},
      { field: 'file', filename: 'in\u0000vo\u0085ice\u202efdp.pdf', type: 'application/pdf', data: pdf },
    );
    const res = await call(t.app, admin, 'POST', '/api/attachments', form.body, form.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().filename).toBe('in_vo_ice_fdp.pdf');
  });

  it('refuses a control character in the projectId field, naming it', async () => {
    const form = multipart(
      { projectId: `a\u0000${'b'.repeat(20)}` },
      { field: 'file', filename: 'a.pdf', type: 'application/pdf', data: pdf },
    );
    const res = await call(t.app, admin, 'POST', '/api/attachments', form.body, form.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { projectId: CONTROL_MESSAGE } });
  });
});

describe(`bodies that are not JSON (${TEST_DB})`, () => {
  it('answers 415 UNSUPPORTED_MEDIA_TYPE to text/plain and form bodies', async () => {
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded']) {
      const res = await call(t.app, null, 'POST', '/api/auth/login', 'login=a_staff&password=Touyan@2025', {
        'content-type': type,
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json()).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: '不支持的请求内容类型，请以 JSON（application/json）提交',
      });
    }
    const write = await call(t.app, admin, 'POST', '/api/party-orgs', JSON.stringify(orgBody({})), {
      'content-type': 'text/plain',
    });
    expect(write.statusCode).toBe(415);
  });

  it('answers 400 INVALID_JSON to broken JSON, an empty JSON body and a __proto__ key', async () => {
    for (const payload of ['{"login":', '', '{"__proto__":{"isAdmin":true}}']) {
      const res = await call(t.app, null, 'POST', '/api/auth/login', payload, { 'content-type': 'application/json' });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' });
    }
  });

  it('answers 413 PAYLOAD_TOO_LARGE past the 1 MB body limit', async () => {
    const res = await call(t.app, null, 'POST', '/api/auth/login', JSON.stringify({ login: 'x'.repeat(1_100_000) }), {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe(`page cursors (${TEST_DB})`, () => {
  it('refuses a cursor the lists never handed out with 400 naming cursor, instead of an empty page', async () => {
    for (const cursor of ['abc', "'%20OR%201%3D1", 'zzzzzzzzzzzz%7C']) {
      const res = await call(t.app, admin, 'GET', `/api/host-orgs?cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { cursor: '格式不正确' } });
    }
    const first = await call(t.app, admin, 'GET', '/api/host-orgs?limit=1');
    const next = first.json().nextCursor as string;
    expect(next).toBeTruthy();
    expect((await call(t.app, admin, 'GET', `/api/host-orgs?limit=1&cursor=${next}`)).statusCode).toBe(200);
  });
});
