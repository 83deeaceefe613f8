import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContestBoard } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { ContestEvents } from './contests.events';
import { ContestLiveBoards, Throttle, type BoardSink, type BoardSource } from './contests.live';
import { boardView } from './contests.results';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets pending promise callbacks run (fake timers do not move by themselves). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('Throttle', () => {
  it('runs at once after a quiet spell, folds pokes meanwhile into one run per interval, and always runs after the last poke', async () => {
    const starts: number[] = [];
    let running = 0;
    let overlapped = false;
    const t = new Throttle(async () => {
      starts.push(Date.now());
      running++;
      if (running > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, 30));
      running--;
    }, 200);
    const t0 = Date.now();
    t.poke();
    expect(starts).toEqual([t0]);
    // 100 pokes over one second, 10 ms apart.
    let lastPoke = t0;
    for (let i = 0; i < 100; i++) {
      await vi.advanceTimersByTimeAsync(10);
      lastPoke = Date.now();
      t.poke();
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(overlapped).toBe(false);
    expect(starts.length).toBeLessThanOrEqual(7);
    expect(starts.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(200);
    expect(starts[starts.length - 1]!).toBeGreaterThanOrEqual(lastPoke);
    expect(starts[starts.length - 1]! - lastPoke).toBeLessThanOrEqual(200);
    expect(t.busy).toBe(false);
  });

  it('runs again for a poke that came during a run, and not after stop', async () => {
    let runs = 0;
    let release = () => undefined as void;
    const t = new Throttle(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    }, 100);
    t.poke();
    expect(runs).toBe(1);
    t.poke();
    t.poke();
    release();
    await settle();
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    release();
    await settle();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    t.poke();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(3);
    t.poke();
    t.stop();
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(3);
  });

  it('keeps going after a failing run', async () => {
    let runs = 0;
    const t = new Throttle(async () => {
      runs++;
      throw new Error('boom');
    }, 50);
    t.poke();
    await settle();
    t.poke();
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toBe(2);
  });
});

// ——— the shared live board ———

/** What the first board (computed by the stream) said. */
const FIRST = { status: 'running', version: 1 } as const;

const ctxOf = (userId: string) => ({ actor: { userId } }) as unknown as RequestContext;

function boardOf(status: ContestBoard['status'], submitted: number, version = 1): ContestBoard {
  const published = status === 'published';
  return {
    contestId: 'k1',
    name: '比武',
    status,
    version,
    serverTime: new Date().toISOString(),
    minutesPerTalk: 5,
    current: null,
    projects: [
      {
        projectId: 'p1',
        title: '甲',
        orgName: '甲支部',
        position: 1,
        phase: 'closed',
        eligibleJudges: 3,
        submitted: 3,
        score: 88.5,
        rank: published ? 1 : null,
        grade: published ? 'excellent' : null,
      },
      {
        projectId: 'p2',
        title: '乙',
        orgName: '乙支部',
        position: 2,
        phase: 'presenting',
        eligibleJudges: 3,
        submitted,
        score: null,
        rank: null,
        grade: null,
      },
    ],
  } as ContestBoard;
}

/** A fake contest service: the board's state, who may see it, and how often it was computed. */
function fakeSource() {
  const state = { status: 'running' as ContestBoard['status'], submitted: 0, version: 1, gone: false };
  const managers = new Set<string>(['staff']);
  const allowed = new Set<string>(['staff', 'judge', 'judge2']);
  const access: string[] = [];
  const source: BoardSource = {
    liveBoard: async (id) => {
      expect(id).toBe('k1');
      return state.gone ? undefined : boardOf(state.status, state.submitted, state.version);
    },
    boardAccess: async (ctx) => {
      access.push(ctx.actor.userId);
      if (!allowed.has(ctx.actor.userId)) throw new Error('not found');
      return { manager: managers.has(ctx.actor.userId) };
    },
  };
  return { state, managers, allowed, access, source };
}

function sink() {
  const got: ContestBoard[] = [];
  let ended = false;
  const s: BoardSink = {
    send: (data) => got.push(JSON.parse(data) as ContestBoard),
    end: () => {
      ended = true;
    },
  };
  return {
    s,
    got,
    get ended() {
      return ended;
    },
  };
}

describe('ContestLiveBoards', () => {
  it('computes the board once per change for every stream and sends each viewer their cut', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source, { intervalMs: 200 });
    const staff = sink();
    const judge = sink();
    live.join(ctxOf('staff'), 'k1', staff.s).start(true, FIRST);
    live.join(ctxOf('judge'), 'k1', judge.s).start(false, FIRST);
    expect(events.listenerCount('k1')).toBe(1);
    expect(live.viewers('k1')).toBe(2);

    f.state.submitted = 1;
    events.changed('k1');
    await settle();
    expect(live.computations('k1')).toBe(1);
    expect(staff.got).toHaveLength(1);
    expect(judge.got).toHaveLength(1);
    // Staff see the closed project's score; the judge the same board without any score.
    expect(staff.got[0]!.projects[0]!.score).toBe(88.5);
    expect(judge.got[0]!.projects[0]!.score).toBeNull();
    expect(judge.got[0]).toEqual(boardView(staff.got[0]!, false));
    expect(judge.got[0]!.serverTime).toBe(staff.got[0]!.serverTime);
  });

  it('throttles a burst of changes to a few computations, the last showing every change', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source, { intervalMs: 200 });
    const screens = Array.from({ length: 10 }, () => sink());
    for (const s of screens) live.join(ctxOf('staff'), 'k1', s.s).start(true, FIRST);
    for (let i = 1; i <= 200; i++) {
      f.state.submitted = i;
      events.changed('k1');
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(live.computations('k1')).toBeLessThanOrEqual(7);
    for (const s of screens) {
      expect(s.got.length).toBe(live.computations('k1'));
      expect(s.got[s.got.length - 1]!.projects[1]!.submitted).toBe(200);
    }
  });

  it('shows scores to everyone once the results are published', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source);
    const judge = sink();
    live.join(ctxOf('judge'), 'k1', judge.s).start(false, FIRST);
    f.state.status = 'published';
    events.changed('k1');
    await settle();
    expect(judge.got[0]!.projects[0]).toMatchObject({ score: 88.5, rank: 1, grade: 'excellent' });
  });

  it('holds pushes until the stream has sent its first board, then computes once more', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source, { intervalMs: 200 });
    const screen = sink();
    const seat = live.join(ctxOf('staff'), 'k1', screen.s);
    f.state.submitted = 1;
    events.changed('k1');
    await settle();
    expect(live.computations('k1')).toBe(1);
    expect(screen.got).toHaveLength(0);
    seat.start(true, FIRST);
    await vi.advanceTimersByTimeAsync(200);
    expect(live.computations('k1')).toBe(2);
    expect(screen.got.map((b) => b.projects[1]!.submitted)).toEqual([1]);
  });

  it('drops the subscription with the last stream, and computes nothing more', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source);
    const a = live.join(ctxOf('staff'), 'k1', sink().s);
    const b = live.join(ctxOf('judge'), 'k1', sink().s);
    a.start(true, FIRST);
    b.start(false, FIRST);
    a.leave();
    expect(events.listenerCount('k1')).toBe(1);
    b.leave();
    b.leave();
    expect(events.listenerCount('k1')).toBe(0);
    expect(live.viewers('k1')).toBe(0);
    events.changed('k1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.computations('k1')).toBe(0);
  });

  it('checks access again when the status or version changes and every 30 s, ending streams that lost it', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source, { intervalMs: 200, recheckMs: 30_000 });
    const staff = sink();
    const judge = sink();
    const judge2 = sink();
    live.join(ctxOf('staff'), 'k1', staff.s).start(true, FIRST);
    live.join(ctxOf('judge'), 'k1', judge.s).start(false, FIRST);
    live.join(ctxOf('judge2'), 'k1', judge2.s).start(false, FIRST);

    f.state.submitted = 1;
    events.changed('k1');
    await settle();
    expect(f.access).toEqual([]);

    // The judge is taken off the panel (a draft's set-up changed: a new version).
    f.allowed.delete('judge');
    f.state.version = 2;
    await vi.advanceTimersByTimeAsync(200);
    events.changed('k1');
    await settle();
    expect(f.access.sort()).toEqual(['judge', 'judge2', 'staff']);
    expect(judge.ended).toBe(true);
    expect(judge.got).toHaveLength(1);
    expect(staff.got).toHaveLength(2);
    expect(judge2.got).toHaveLength(2);

    // Periodically, without any change.
    f.access.length = 0;
    f.allowed.delete('judge2');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.access.sort()).toEqual(['judge2', 'staff']);
    expect(judge2.ended).toBe(true);
    expect(staff.ended).toBe(false);
  });

  it('reads the viewer’s session again at each check: a logout ends the stream, a changed role takes effect', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source, { intervalMs: 200, recheckMs: 30_000 });
    const sessions = new Map<string, string | null>([
      ['a', 'staff'],
      ['b', 'judge'],
    ]);
    const refresh = (token: string) => async () => {
      const user = sessions.get(token);
      return user ? ctxOf(user) : null;
    };
    const a = sink();
    const b = sink();
    live.join(ctxOf('staff'), 'k1', a.s, refresh('a')).start(true, FIRST);
    live.join(ctxOf('judge'), 'k1', b.s, refresh('b')).start(false, FIRST);

    // Session a now belongs to a user without access (roles revoked); session b is logged out.
    sessions.set('a', 'nobody');
    sessions.set('b', null);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(b.ended).toBe(true);
    expect(f.access).toEqual(['nobody']);
    expect(a.ended).toBe(true);
  });

  it('ends every stream when the contest is gone', async () => {
    const events = new ContestEvents();
    const f = fakeSource();
    const live = new ContestLiveBoards(events, f.source);
    const a = sink();
    const b = sink();
    live.join(ctxOf('staff'), 'k1', a.s).start(true, FIRST);
    live.join(ctxOf('judge'), 'k1', b.s).start(false, FIRST);
    f.state.gone = true;
    events.deliver('k1');
    await settle();
    expect(a.ended && b.ended).toBe(true);
  });
});
