/**
 * A bounded fuzz run over the whole API, generated from the OpenAPI document: every operation,
 * anonymous and as two users (an administrator and a county staff member), gets requests that are
 * each invalid — wrong types, 1 MB strings, control characters, lone surrogates, 10 000 nested
 * arrays, spoiled ids in the path, spoiled query values and cursors, broken JSON, other content
 * types, missing bodies, unknown fields, well-formed ids of records that do not exist, spoiled
 * uploads and URLs no route serves. Real ids stay in the path while the rest is spoiled, so requests
 * reach the services. Every one must be refused with a JSON `{code, message}` 4xx, none may answer
 * 5xx, no table may change, and the sessions used stay alive. Figures go to the console, one line.
 *
 * `npm run fuzz` runs ten rounds (FUZZ_ROUNDS; 1 in the suite); FUZZ_SEED picks another sequence,
 * FUZZ_DEBUG=1 prints the time per kind of case.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES, type Role } from '@touyan/schemas';
import { DEMO_PASSWORD } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { digestTables, changedTables } from './fuzz/digest';
import {
  casesFor,
  CONTROL_STRINGS,
  operations,
  unroutedCases,
  type Case,
  type Operation,
  type Target,
} from './fuzz/generator';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { PROBE_MODULES } from './probes';
import type { Fixtures, Probe } from './probes/types';
import { buildWorld, type World } from './world';

const ROUNDS = Math.max(1, Number(process.env.FUZZ_ROUNDS ?? 1));
/** Cases per operation and caller in one round. */
const PER_OP = { admin: 12, staff: 12, anonymous: 4 } as const;
const SEED = Number(process.env.FUZZ_SEED ?? 20250808);

const PROBES: Record<string, Probe> = Object.assign({}, ...PROBE_MODULES.map((m) => m.probes));

let t: TestApp;
let w: World;
let fx: Fixtures;
let ops: Operation[];
const targets = new Map<Operation, Target>();
const sessions: { name: keyof typeof PER_OP; session: Session | null }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  let n = 0;
  fx = {
    t,
    w,
    extra: {},
    sessions: new Map<Role, Session>(),
    seq: () => ++n,
    version: async (kind, id) => (await call(t.app, sessions[0]!.session, 'GET', `/api/${kind}/${id}`)).json().version,
  };
  // Every role's session for the probes (some read lists as a role to build their requests).
  for (const role of ROLE_CODES) fx.sessions.set(role, await login(t.app, w.usernames[role]));
  sessions.push({ name: 'admin', session: await login(t.app, 'admin') });
  sessions.push({ name: 'staff', session: await login(t.app, w.usernames.staff) });
  sessions.push({ name: 'anonymous', session: null });
  // The scope matrix's fixtures: a record of every kind, so real ids can go into the paths.
  for (const m of PROBE_MODULES) await m.setup?.(fx);
  ops = operations(t.app.swagger());
  for (const op of ops) targets.set(op, await targetOf(op));
}, 300_000);
afterAll(() => t?.close());

/** Real path values, a base query and a valid body for an operation (from its scope-matrix probe). */
async function targetOf(op: Operation): Promise<Target> {
  const fastifyPath = op.path.replace(/\{(\w+)\}/g, ':$1');
  if (op.method === 'POST' && op.path === '/api/auth/login') {
    return { pathValues: {}, query: {}, body: { login: w.usernames.staff, password: DEMO_PASSWORD } };
  }
  const probe = PROBES[`${op.method} ${fastifyPath}`];
  if (!probe) return { pathValues: {}, query: {}, body: {} };
  const req = await probe.in(fx);
  const [pathPart, queryPart = ''] = req.url.split('?');
  const names: string[] = [];
  const pattern = new RegExp(`^${op.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
  const m = pattern.exec(pathPart!);
  const pathValues = Object.fromEntries(names.map((name, i) => [name, m?.[i + 1] ?? '']));
  const query = Object.fromEntries(new URLSearchParams(queryPart));
  const body = req.payload && !Buffer.isBuffer(req.payload) ? req.payload : {};
  return { pathValues, query, body };
}

/** Spoiled uploads: the one route that reads multipart (it does not pass parseInput). */
function uploadCases(): (Case & { multipart?: { body: Buffer; headers: Record<string, string> } })[] {
  const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n');
  const exe = Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000');
  const file = (filename: string, data: Buffer) => ({ field: 'file', filename, type: 'application/pdf', data });
  const cases: { what: string; form: { body: Buffer; headers: Record<string, string> } }[] = [
    { what: 'NUL in projectId', form: multipart({ projectId: `a\u0000${'b'.repeat(12)}` }, file('a.pdf', pdf)) },
    { what: 'ESC in projectId', form: multipart({ projectId: `\u001b[31m${'b'.repeat(12)}` }, file('a.pdf', pdf)) },
    { what: 'path in projectId', form: multipart({ projectId: '../../../../etc/passwd' }, file('a.pdf', pdf)) },
    { what: '300-character projectId', form: multipart({ projectId: 'x'.repeat(300) }, file('a.pdf', pdf)) },
    { what: 'executable named .pdf with NUL', form: multipart({}, file('a\u0000b.pdf', exe)) },
    { what: 'executable with C1 and RLO in its name', form: multipart({}, file('in\u0085voice\u202efdp.exe', exe)) },
    { what: 'empty file', form: multipart({}, file('a.pdf', Buffer.alloc(0))) },
    { what: 'file under another field name', form: multipart({}, { ...file('a.pdf', pdf), field: 'other' }) },
  ];
  for (const s of CONTROL_STRINGS.slice(0, 4)) {
    cases.push({ what: `projectId ${JSON.stringify(s)}`, form: multipart({ projectId: s }, file('a.pdf', pdf)) });
  }
  const twoFiles = multipart({}, file('a.pdf', pdf));
  const boundary = twoFiles.headers['content-type']!.split('boundary=')[1]!;
  const second = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--${boundary}--\r\n`,
  );
  cases.push({
    what: 'two files',
    form: {
      body: Buffer.concat([twoFiles.body.subarray(0, twoFiles.body.length - `--${boundary}--\r\n`.length), second]),
      headers: twoFiles.headers,
    },
  });
  cases.push({
    what: 'truncated multipart',
    form: { body: twoFiles.body.subarray(0, 60), headers: twoFiles.headers },
  });
  cases.push({
    what: 'multipart without a boundary',
    form: { body: twoFiles.body, headers: { 'content-type': 'multipart/form-data' } },
  });
  cases.push({ what: 'no file', form: { body: Buffer.from(`--${boundary}--\r\n`), headers: twoFiles.headers } });
  return cases.map((c) => ({
    kind: 'body-field' as const,
    what: `upload: ${c.what}`,
    method: 'POST' as const,
    url: '/api/attachments',
    payload: c.form.body,
    contentType: c.form.headers['content-type'],
  }));
}

/** 1 MB requests cost tens of milliseconds each: a few per operation and round. */
const KIND_CAP: Partial<Record<Case['kind'], number>> = { huge: 2 * ROUNDS, 'too-large': ROUNDS };

/** Cases of an operation in an order that visits every kind early (shuffled within each kind). */
function interleaved(cases: Case[], rng: Rng): Case[] {
  const byKind = new Map<Case['kind'], Case[]>();
  for (const c of cases) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const queues = [...byKind.entries()].map(([kind, list]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list.slice(0, KIND_CAP[kind] ?? list.length);
  });
  const out: Case[] = [];
  const total = queues.reduce((n, q) => n + q.length, 0);
  for (let i = 0; out.length < total; i++) for (const q of queues) if (i < q.length) out.push(q[i]!);
  return out;
}

async function send(c: Case, session: Session | null) {
  const headers: Record<string, string> = {};
  if (c.contentType) headers['content-type'] = c.contentType;
  if (session) {
    headers.cookie = session.cookie;
    if (c.method !== 'GET' && !c.noCsrf) headers['x-csrf-token'] = session.csrf;
  }
  const url = typeof c.url === 'function' ? c.url() : c.url;
  const payload = typeof c.payload === 'function' ? c.payload() : c.payload;
  return t.app.inject({ method: c.method, url, headers, ...(payload !== undefined ? { payload } : {}) });
}

describe(`fuzz: invalid input on every operation (${TEST_DB})`, () => {
  it('refuses every invalid request with a JSON 4xx, never a 5xx, and changes no table', async () => {
    const started = performance.now();
    const rng = new Rng(SEED);
    const before = await digestTables(t.database);
    const byStatus = new Map<number, number>();
    const findings: string[] = [];
    let sent = 0;
    const kindTime = new Map<string, number>();
    const kindCount = new Map<string, number>();
    let fiveXX = 0;
    let accepted = 0;
    const upload = ops.find((o) => o.method === 'POST' && o.path === '/api/attachments');
    // The ledger import reads multipart too (issue 11): a spoiled form is its own to refuse as well.
    const ledgerUpload = ops.find((o) => o.method === 'POST' && o.path === '/api/host-orgs/imports');
    // So does the visit photo upload (the phone page).
    const photoUpload = ops.find((o) => o.method === 'POST' && o.path === '/api/visit-photos');
    // And the worker's registration photo (issue 12).
    const workerPhotoUpload = ops.find((o) => o.method === 'POST' && o.path === '/api/worker-photos');
    // And a dispute's evidence (issue 14).
    const evidenceUpload = ops.find((o) => o.method === 'POST' && o.path === '/api/dispute-evidence');

    const plan: { what: string; cases: Case[] }[] = ops.map((op) => {
      let cases = casesFor(op, targets.get(op)!, rng);
      if (op === upload) {
        // Multipart is this route's own body: a spoiled form is the route's to refuse.
        cases = [
          ...cases.map((c) => (c.contentType?.startsWith('multipart/') ? { ...c, expect: undefined } : c)),
          ...uploadCases(),
        ];
      }
      if (op === ledgerUpload || op === photoUpload || op === workerPhotoUpload || op === evidenceUpload) {
        cases = cases.map((c) => (c.contentType?.startsWith('multipart/') ? { ...c, expect: undefined } : c));
      }
      return { what: `${op.method} ${op.path}`, cases };
    });
    plan.push({ what: 'unrouted', cases: unroutedCases() });

    for (const { what, cases } of plan) {
      const order = interleaved(cases, rng);
      let offset = 0;
      for (const { name, session } of sessions) {
        const n = PER_OP[name] * ROUNDS;
        for (let i = 0; i < n && order.length; i++) {
          const c = order[(offset + i) % order.length]!;
          const t0 = performance.now();
          const res = await send(c, session);
          const k = c.kind === 'huge' ? (typeof c.url === 'function' ? 'huge-query' : 'huge-body') : c.kind;
          kindTime.set(k, (kindTime.get(k) ?? 0) + performance.now() - t0);
          kindCount.set(k, (kindCount.get(k) ?? 0) + 1);
          sent++;
          byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
          const shown = typeof c.url === 'function' ? `${what} (1 MB query)` : c.url.slice(0, 120);
          const label = `${name} ${c.method} ${shown} [${c.kind}: ${c.what}] → ${res.statusCode}`;
          let body: { code?: unknown; message?: unknown } | null = null;
          try {
            body = res.json();
          } catch {
            body = null;
          }
          if (res.statusCode >= 500) {
            fiveXX++;
            findings.push(`5xx: ${label} ${res.body.slice(0, 200)}`);
          } else if (res.statusCode < 400) {
            accepted++;
            findings.push(`accepted: ${label} ${res.body.slice(0, 200)}`);
          } else if (typeof body?.code !== 'string' || typeof body.message !== 'string') {
            findings.push(`not {code, message}: ${label} ${res.body.slice(0, 200)}`);
          } else if (c.expect && (res.statusCode !== c.expect.status || body.code !== c.expect.code)) {
            findings.push(`expected ${c.expect.status} ${c.expect.code}: ${label} ${String(body.code)}`);
          }
        }
        offset += n;
      }
    }

    if (process.env.FUZZ_DEBUG)
      console.log([...kindTime].map(([k, ms]) => `${k} ${kindCount.get(k)} ${(ms / 1000).toFixed(1)}s`).join(', '));
    const after = await digestTables(t.database);
    const changed = changedTables(before, after);
    const seconds = (performance.now() - started) / 1000;
    const statuses = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, k]) => `${s}: ${k}`)
      .join(', ');
    console.log(
      `fuzz (${TEST_DB}, rounds ${ROUNDS}): ${sent} requests over ${ops.length} operations in ${seconds.toFixed(1)} s; ` +
        `status ${statuses}; 5xx: ${fiveXX}; accepted: ${accepted}; changed tables: ${changed.length} of ${after.size}` +
        (changed.length ? ` (${changed.join(', ')})` : ''),
    );
    expect(findings.slice(0, 60)).toEqual([]);
    expect(changed).toEqual([]);
    // The sessions used throughout are still alive (nothing the fuzzer sent ended them).
    for (const { session } of sessions)
      if (session) expect((await call(t.app, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
  }, 600_000);
});
