// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildQuery, isNotFound, request, setApiLocale, setCsrfFallback } from './client';

type Seen = { url: string; init: RequestInit };
let seen: Seen[];
function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(body === undefined ? '' : JSON.stringify(body), { status });
    }),
  );
}

beforeEach(() => {
  seen = [];
  setApiLocale('zh-CN');
  setCsrfFallback(null);
  document.cookie = 'ty_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  window.history.replaceState(null, '', '/projects?status=draft');
});
afterEach(() => vi.unstubAllGlobals());

describe('the web API client', () => {
  it('builds queries without empty values, with booleans as 1/0', () => {
    expect(buildQuery({ q: '驿站', page: 2, mine: true, all: false, none: null, blank: '', u: undefined })).toBe(
      `?q=${encodeURIComponent('驿站')}&page=2&mine=1&all=0`,
    );
    expect(buildQuery({})).toBe('');
  });

  it('sends the language, and the CSRF token on writes only (cookie first, then the fallback)', async () => {
    answer(200, { ok: true });
    setApiLocale('en');
    await api.get('/projects', { query: { limit: 10 } });
    document.cookie = 'ty_csrf=from-cookie';
    await api.post('/projects/:id/submit', { params: { id: 'p1' }, body: { version: 3 } });
    document.cookie = 'ty_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    setCsrfFallback('from-me');
    await api.del('/rubric-templates/:id', { params: { id: 'p1' } });
    const headers = seen.map((s) => s.init.headers as Record<string, string>);
    expect(seen.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      'GET /api/projects?limit=10',
      'POST /api/projects/p1/submit',
      'DELETE /api/rubric-templates/p1',
    ]);
    expect(headers.map((h) => h['Accept-Language'])).toEqual(['en', 'en', 'en']);
    expect(headers.map((h) => h['x-csrf-token'])).toEqual([undefined, 'from-cookie', 'from-me']);
    expect(seen[1]!.init.body).toBe(JSON.stringify({ version: 3 }));
  });

  it('turns an error reply into an ApiError with code, message, fields and request id', async () => {
    answer(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误',
      fields: { title: '必填' },
      requestId: 'r-1',
    });
    const e = (await api
      .post('/projects', { body: { campaignId: 'c1', orgId: 'o1', content: { title: '' } } })
      .catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.fields, e.requestId]).toEqual([
      400,
      'VALIDATION_FAILED',
      '提交的内容有误',
      { title: '必填' },
      'r-1',
    ]);
  });

  it('answers a reply without a JSON body with a stable code and the generic message', async () => {
    answer(404, undefined);
    const e = await request('GET', '/nothing').catch((x: unknown) => x);
    expect(isNotFound(e)).toBe(true);
    expect((e as ApiError).code).toBe('HTTP_404');
    expect((e as ApiError).message.length).toBeGreaterThan(0);
  });

  it('says plainly when the network is down, in the user’s language', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const zh = (await api.get('/projects').catch((x: unknown) => x)) as ApiError;
    expect([zh.status, zh.code, zh.message]).toEqual([0, 'NETWORK', '网络连接失败，请检查网络后重试']);
    setApiLocale('en');
    expect(((await api.get('/projects').catch((x: unknown) => x)) as ApiError).message).toBe('Network error');
  });

  it('sends the user to the log-in page with the way back on a 401, but not for the session check itself', async () => {
    const assign = vi.fn();
    const location = window.location;
    vi.stubGlobal('location', { ...location, pathname: '/projects', search: '?status=draft', assign });
    answer(401, { code: 'UNAUTHENTICATED', message: '请先登录' });
    await api.get('/auth/session').catch(() => undefined);
    expect(assign).not.toHaveBeenCalled();
    await api.get('/projects').catch(() => undefined);
    expect(assign).toHaveBeenCalledWith(`/login?next=${encodeURIComponent('/projects?status=draft')}`);
  });
});
