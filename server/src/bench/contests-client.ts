import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';

/**
 * The contest benchmark's "outside world" — the judges' phones and the big screens — in a child
 * process forked from the bench bundle, so requests and event parsing share neither the server's
 * event loop nor its CPU account, and every time measured (request sent, response in, board event
 * in) is read from one clock. The parent drives it with commands over IPC (`ContestClient`).
 */

const CLIENT_ENV = 'TOUYAN_BENCH_CONTEST_CLIENT';

/** One judge's sheet to send: scores per criterion code, and their total (for the read-back). */
export interface PlannedSheet {
  judge: string;
  scores: Record<string, number>;
  total: number;
}

/** One request as the client saw it (times in ms on the child's `performance.now()` clock). */
export interface Sent {
  judge: string;
  status: number;
  /** The error code of a JSON error reply (e.g. CONTEST_SHEET_LOCKED), else null. */
  code: string | null;
  sentAt: number;
  doneAt: number;
}

/** A board event as a screen received it: the stage project and its submitted count. */
export interface BoardSeen {
  at: number;
  projectId: string | null;
  submitted: number;
}

export interface SpacedResult {
  sent: Sent[];
  /** Per screen, per submit: when the first board showing the new count arrived (null: never, within the timeout). */
  shownAt: (number | null)[][];
}

export interface BurstResult {
  startedAt: number;
  sent: Sent[];
  /** Per screen: when the board first showed every sheet of the burst (null: never), and its events from the start until then. */
  screens: { allShownAt: number | null; seen: BoardSeen[] }[];
}

export interface RaceResult {
  judge: string;
  /** The two concurrent submissions: status, code, and which scores they carried. */
  tries: { status: number; code: string | null; scores: Record<string, number> }[];
}

type Command =
  | { cmd: 'login'; base: string; users: { login: string; password: string }[]; concurrency: number }
  | { cmd: 'warm'; base: string; judges: string[] }
  | { cmd: 'me'; base: string; judge: string; count: number }
  | { cmd: 'openScreens'; base: string; contestId: string; user: string; count: number }
  | { cmd: 'closeScreens' }
  | {
      cmd: 'spaced';
      base: string;
      contestId: string;
      projectId: string;
      sheets: PlannedSheet[];
      gapMs: number;
      countFrom: number;
      timeoutMs: number;
    }
  | {
      cmd: 'burst';
      base: string;
      contestId: string;
      projectId: string;
      sheets: PlannedSheet[];
      countFrom: number;
      timeoutMs: number;
    }
  | {
      cmd: 'race';
      base: string;
      contestId: string;
      projectId: string;
      pairs: { judge: string; first: Record<string, number>; second: Record<string, number> }[];
    }
  | { cmd: 'resubmit'; base: string; contestId: string; projectId: string; sheets: PlannedSheet[] };

type Request = Command & { id: number };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** True in the process `ContestClient.start` forks: it should run `runContestClient` and nothing else. */
export function isContestClientProcess(): boolean {
  return process.env[CLIENT_ENV] === '1' && typeof process.send === 'function';
}

/** The parent's handle on the child: one command at a time, each answered once. */
export class ContestClient {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`contest client: ${m.error}`));
    });
    child.once('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`contest client exited with code ${code}`));
      this.pending.clear();
    });
  }

  static start(entry: string): ContestClient {
    const child = fork(entry, [], {
      env: { ...process.env, [CLIENT_ENV]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ContestClient(child);
  }

  private call<T>(command: Command): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...command, id } satisfies Request);
    });
  }

  /** Logs each user in over HTTP; the child keeps each one's cookie, CSRF token and keep-alive agent. */
  login(base: string, users: { login: string; password: string }[], concurrency: number) {
    return this.call<{ ms: number }>({ cmd: 'login', base, users, concurrency });
  }
  /** Every judge's connection opened (GET /api/auth/me all at once), so the timed requests reuse it. */
  warm(base: string, judges: string[]) {
    return this.call<void>({ cmd: 'warm', base, judges });
  }
  /** GET /api/auth/me `count` times one after another as the judge: the app's per-request floor. */
  me(base: string, judge: string, count: number) {
    return this.call<Sent[]>({ cmd: 'me', base, judge, count });
  }
  /** Opens `count` board streams as the user and waits for each one's first event. */
  openScreens(base: string, contestId: string, user: string, count: number) {
    return this.call<void>({ cmd: 'openScreens', base, contestId, user, count });
  }
  closeScreens() {
    return this.call<void>({ cmd: 'closeScreens' });
  }
  spaced(args: Omit<Extract<Command, { cmd: 'spaced' }>, 'cmd'>) {
    return this.call<SpacedResult>({ cmd: 'spaced', ...args });
  }
  burst(args: Omit<Extract<Command, { cmd: 'burst' }>, 'cmd'>) {
    return this.call<BurstResult>({ cmd: 'burst', ...args });
  }
  race(args: Omit<Extract<Command, { cmd: 'race' }>, 'cmd'>) {
    return this.call<RaceResult[]>({ cmd: 'race', ...args });
  }
  resubmit(args: Omit<Extract<Command, { cmd: 'resubmit' }>, 'cmd'>) {
    return this.call<Sent[]>({ cmd: 'resubmit', ...args });
  }

  /** Ends the child (its sockets and streams close with it). */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}

// ——— the child ———

interface Session {
  cookie: string;
  csrf: string;
  agent: http.Agent;
}

interface Screen {
  req: http.ClientRequest;
  seen: BoardSeen[];
  waiters: Set<() => void>;
}

const sessions = new Map<string, Session>();
let screens: Screen[] = [];

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  sentAt: number;
  doneAt: number;
}

/** One HTTP request; the clock starts just before the request is written. */
function send(
  agent: http.Agent | false,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, {
      method,
      agent,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    });
    let sentAt = 0;
    req.on('response', (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, sentAt, doneAt: performance.now() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    sentAt = performance.now();
    req.end(payload);
  });
}

function codeOf(a: Answer): string | null {
  if (a.status === 200) return null;
  try {
    return (JSON.parse(a.body) as { code?: string }).code ?? null;
  } catch {
    return null;
  }
}

const session = (login: string) => {
  const s = sessions.get(login);
  if (!s) throw new Error(`${login} is not logged in`);
  return s;
};

const sent = (judge: string, a: Answer): Sent => ({
  judge,
  status: a.status,
  code: codeOf(a),
  sentAt: a.sentAt,
  doneAt: a.doneAt,
});

function submit(base: string, contestId: string, projectId: string, judge: string, scores: unknown, agent?: false) {
  const s = session(judge);
  return send(
    agent ?? s.agent,
    'PUT',
    `${base}/api/contests/${contestId}/projects/${projectId}/sheet`,
    { cookie: s.cookie, 'x-csrf-token': s.csrf },
    { scores },
  );
}

async function login(base: string, users: { login: string; password: string }[], concurrency: number) {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < users.length) {
      const u = users[next++]!;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const a = await send(agent, 'POST', `${base}/api/auth/login`, {}, u);
      if (a.status !== 200) throw new Error(`login ${u.login}: ${a.status} ${a.body}`);
      const set = ([] as string[]).concat(a.headers['set-cookie'] ?? []).map((c) => c.split(';', 1)[0]!);
      const csrf = set.find((c) => c.startsWith('ty_csrf='))?.slice('ty_csrf='.length);
      if (!set.some((c) => c.startsWith('ty_session=')) || !csrf) throw new Error(`login ${u.login}: no session`);
      sessions.set(u.login, { cookie: set.join('; '), csrf: decodeURIComponent(csrf), agent });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { ms: performance.now() - started };
}

async function me(base: string, judge: string) {
  const s = session(judge);
  const a = await send(s.agent, 'GET', `${base}/api/auth/me`, { cookie: s.cookie });
  if (a.status !== 200) throw new Error(`GET /api/auth/me as ${judge}: ${a.status} ${a.body}`);
  return sent(judge, a);
}

function openScreen(base: string, contestId: string, user: string): Promise<Screen> {
  const s = session(user);
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/contests/${contestId}/stream`, {
      agent: false,
      headers: { cookie: s.cookie, accept: 'text/event-stream' },
    });
    const screen: Screen = { req, seen: [], waiters: new Set() };
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream: ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      let first = true;
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: board')) continue;
          const data = lines.find((l) => l.startsWith('data: '));
          if (!data) continue;
          const board = JSON.parse(data.slice('data: '.length)) as {
            current: { projectId: string; submitted: number } | null;
          };
          screen.seen.push({
            at,
            projectId: board.current?.projectId ?? null,
            submitted: board.current?.submitted ?? 0,
          });
          for (const w of [...screen.waiters]) w();
          if (first) {
            first = false;
            resolve(screen);
          }
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', (e) => {
      if (screen.seen.length === 0) reject(e);
    });
  });
}

/** The first board on the screen, at or after `since`, that shows at least `count` sheets of the project. */
function firstShowing(screen: Screen, projectId: string, count: number, since: number): BoardSeen | undefined {
  return screen.seen.find((b) => b.at >= since && b.projectId === projectId && b.submitted >= count);
}

/** Waits until every screen shows `count` sheets of the project (or the timeout passes). */
function untilShown(projectId: string, count: number, since: number, timeoutMs: number): Promise<void> {
  const waits = screens.map(
    (screen) =>
      new Promise<void>((resolve) => {
        if (firstShowing(screen, projectId, count, since)) return resolve();
        const check = () => {
          if (!firstShowing(screen, projectId, count, since)) return;
          screen.waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          screen.waiters.delete(check);
          resolve();
        }, timeoutMs);
        screen.waiters.add(check);
      }),
  );
  return Promise.all(waits).then(() => undefined);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

async function spaced(c: Extract<Command, { cmd: 'spaced' }>): Promise<SpacedResult> {
  const out: Sent[] = [];
  let previousSent = -Infinity;
  for (const sheet of c.sheets) {
    await sleep(previousSent + c.gapMs - performance.now());
    const a = await submit(c.base, c.contestId, c.projectId, sheet.judge, sheet.scores);
    previousSent = a.sentAt;
    out.push(sent(sheet.judge, a));
  }
  const accepted = out.filter((s) => s.status === 200).length;
  await untilShown(c.projectId, c.countFrom + accepted, out[0]?.sentAt ?? 0, c.timeoutMs);
  // The k-th accepted submission is shown by the first board with at least countFrom + k sheets.
  let k = 0;
  const shownAt = screens.map(() => [] as (number | null)[]);
  for (const s of out) {
    if (s.status !== 200) continue;
    k++;
    for (const [i, screen] of screens.entries()) {
      shownAt[i]!.push(firstShowing(screen, c.projectId, c.countFrom + k, s.sentAt)?.at ?? null);
    }
  }
  return { sent: out, shownAt };
}

async function burst(c: Extract<Command, { cmd: 'burst' }>): Promise<BurstResult> {
  const startedAt = performance.now();
  const answers = await Promise.all(
    c.sheets.map((sheet) =>
      submit(c.base, c.contestId, c.projectId, sheet.judge, sheet.scores).then((a) => sent(sheet.judge, a)),
    ),
  );
  const all = c.countFrom + c.sheets.length;
  await untilShown(c.projectId, all, startedAt, c.timeoutMs);
  return {
    startedAt,
    sent: answers,
    screens: screens.map((screen) => {
      const shown = firstShowing(screen, c.projectId, all, startedAt);
      const seen = screen.seen.filter(
        (b) => b.at >= startedAt && b.projectId === c.projectId && (!shown || b.at <= shown.at),
      );
      return { allShownAt: shown?.at ?? null, seen };
    }),
  };
}

/** Each judge sends two different sheets at the same moment, over two connections. */
async function race(c: Extract<Command, { cmd: 'race' }>): Promise<RaceResult[]> {
  return Promise.all(
    c.pairs.map(async (p) => {
      const [a, b] = await Promise.all([
        submit(c.base, c.contestId, c.projectId, p.judge, p.first),
        submit(c.base, c.contestId, c.projectId, p.judge, p.second, false),
      ]);
      return {
        judge: p.judge,
        tries: [
          { status: a.status, code: codeOf(a), scores: p.first },
          { status: b.status, code: codeOf(b), scores: p.second },
        ],
      };
    }),
  );
}

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'login':
      return login(c.base, c.users, c.concurrency);
    case 'warm':
      await Promise.all(c.judges.map((j) => me(c.base, j)));
      return undefined;
    case 'me': {
      const out: Sent[] = [];
      for (let i = 0; i < c.count; i++) out.push(await me(c.base, c.judge));
      return out;
    }
    case 'openScreens':
      for (let i = 0; i < c.count; i++) screens.push(await openScreen(c.base, c.contestId, c.user));
      return undefined;
    case 'closeScreens':
      for (const s of screens) s.req.destroy();
      screens = [];
      return undefined;
    case 'spaced':
      return spaced(c);
    case 'burst':
      return burst(c);
    case 'race':
      return race(c);
    case 'resubmit': {
      const out: Sent[] = [];
      for (const s of c.sheets)
        out.push(sent(s.judge, await submit(c.base, c.contestId, c.projectId, s.judge, s.scores)));
      return out;
    }
  }
}

/** The child's main loop: answers each command in turn until the parent disconnects. */
export function runContestClient(): Promise<void> {
  return new Promise((resolve) => {
    let queue = Promise.resolve();
    process.on('message', (m: Request) => {
      queue = queue.then(async () => {
        let reply: Reply;
        try {
          reply = { id: m.id, ok: true, result: await handle(m) };
        } catch (e) {
          reply = { id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) };
        }
        process.send!(reply);
      });
    });
    process.once('disconnect', () => {
      for (const s of screens) s.req.destroy();
      for (const s of sessions.values()) s.agent.destroy();
      resolve();
      // Kept-alive sockets and streams must not hold the process open.
      setImmediate(() => process.exit(0));
    });
  });
}
