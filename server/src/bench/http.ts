import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HostOrgListItem, Page } from '@touyan/schemas';

/** Listens on 127.0.0.1 on a free port; returns the base URL. */
export async function listenLocal(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A recorded answer: the body and headers the app sent (less those set per response). */
export interface RecordedAnswer {
  body: string;
  headers: Record<string, string>;
}

/**
 * The baseline: Fastify 5 with nothing but one JSON route. `/hello-sized` answers the bytes last
 * given to `serveAnswer` (a list page as the app sent it, headers included): what sending that much
 * costs with no app behind it, the floor under the list's own overhead.
 */
export async function startHelloWorld(): Promise<{
  app: FastifyInstance;
  url: string;
  sizedUrl: string;
  serveAnswer: (a: RecordedAnswer) => void;
}> {
  const app = Fastify({ logger: false });
  let answer: RecordedAnswer = { body: '{}', headers: { 'content-type': 'application/json; charset=utf-8' } };
  app.get('/hello', async () => ({ hello: 'world' }));
  // The same with a JSON body to read (the pass bench's reference for a POST of a scan's size).
  app.post('/hello', async (req) => ({ hello: typeof req.body }));
  app.get('/hello-sized', (_req, reply) => {
    void reply.headers(answer.headers).send(answer.body);
  });
  const base = await listenLocal(app);
  return { app, url: `${base}/hello`, sizedUrl: `${base}/hello-sized`, serveAnswer: (a) => (answer = a) };
}

/** The answer as the app sends it, for `/hello-sized`. */
export async function recordAnswer(url: string, cookie: string): Promise<RecordedAnswer> {
  const res = await send(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!['date', 'content-length', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
  });
  return { body: await res.text(), headers };
}

/**
 * fetch, tried once more when a kept-alive connection turns out to have been closed by the
 * server meanwhile (it closes idle ones after 72 s, about when seeding ends).
 */
async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, init);
  }
}

/** Logs in through the API; returns the Cookie header a browser would send back. */
export async function login(base: string, credentials: { login: string; password: string }): Promise<string> {
  const res = await send(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (res.status !== 200) throw new Error(`login ${credentials.login} failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';', 1)[0]!);
  if (!cookies.some((c) => c.startsWith('ty_session='))) throw new Error('login set no ty_session cookie');
  return cookies.join('; ');
}

/** A JSON answer as the logged-in user; anything but 200 is an error. */
export async function getJson<T>(url: string, cookie: string): Promise<T> {
  const res = await send(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One host-organisation list page as the logged-in user. */
export const listPage = (url: string, cookie: string) => getJson<Page<HostOrgListItem>>(url, cookie);
