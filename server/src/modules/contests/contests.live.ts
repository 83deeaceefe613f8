import type { ContestBoard } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { ContestEvents } from './contests.events';
import { boardView } from './contests.results';

/** At most one board computation per contest per this many ms while changes keep coming. */
export const LIVE_INTERVAL_MS = 200;
/** Each open stream's access is checked again this often (and whenever the contest's status or version changes). */
export const ACCESS_RECHECK_MS = 30_000;

/**
 * Runs `task` after `poke`, never two at once and at most once per `intervalMs` (start to start):
 * the first poke after a quiet spell runs it at once, pokes meanwhile are folded into one more run
 * when the interval is up, and a poke during a run always gets a run that starts after it — so the
 * last change of a burst is always seen. A failing task is the task's business (errors are dropped).
 */
export class Throttle {
  private running = false;
  private dirty = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  poke(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (!this.running && !this.timer) this.schedule();
  }

  /** Whether a run is going on or due. */
  get busy(): boolean {
    return this.running || this.timer !== null;
  }

  /** No more runs (one in progress finishes). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule() {
    const wait = this.lastStart + this.intervalMs - this.clock();
    if (wait <= 0) {
      void this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
    this.timer.unref?.();
  }

  private async run() {
    if (this.stopped || !this.dirty) return;
    this.running = true;
    this.dirty = false;
    this.lastStart = this.clock();
    try {
      await this.task();
    } catch {
      // The task reports its own failures.
    } finally {
      this.running = false;
    }
    if (this.dirty && !this.stopped) this.schedule();
  }
}

/** Where the live boards come from (the contest service). */
export interface BoardSource {
  /** The board as staff see it, for everyone (undefined: the contest is gone). */
  liveBoard(id: string): Promise<ContestBoard | undefined>;
  /** Whether the caller still reaches the contest (throws when not), and as staff of its campaign. */
  boardAccess(ctx: RequestContext, id: string): Promise<{ manager: boolean }>;
}

/** One open stream, as the live board sees it. */
export interface BoardSink {
  /** Writes one `board` event; `data` is the board's JSON, already cut for this viewer. */
  send(data: string): void;
  /** Ends the stream (access lost, the contest gone, or the board failed): the client reconnects. */
  end(): void;
}

/** A viewer's subscription, as handed to the stream. */
export interface LiveSeat {
  /**
   * The stream has sent its first board (computed for it alone, checking access) and takes pushes
   * from now on; `manager`: it sees the board as staff; `board`: the first board's status and version.
   */
  start(manager: boolean, board: Pick<ContestBoard, 'status' | 'version'>): void;
  /** The stream is gone: unsubscribes (the last one out stops the contest's live board). */
  leave(): void;
}

/**
 * The viewer's request context as their session stands now (null: logged out, expired or disabled);
 * the stream's actor is refreshed with it at each access check, so revoked roles take effect.
 */
export type ContextRefresh = () => Promise<RequestContext | null>;

interface Viewer {
  ctx: RequestContext;
  refresh: ContextRefresh | null;
  sink: BoardSink;
  manager: boolean;
  /** Until `start`: pushes are not sent, only noted (then one more computation follows). */
  started: boolean;
  missed: boolean;
  gone: boolean;
  /** The contest's status and version when the viewer's access was last checked. */
  checkedAt: string;
}

const stateOf = (b: Pick<ContestBoard, 'status' | 'version'>) => `${b.status}|${b.version}`;

export interface LiveOptions {
  intervalMs?: number;
  recheckMs?: number;
}

/** One contest's shared board in this process: one subscription to its changes, one computation per push. */
class LiveBoard {
  readonly viewers = new Set<Viewer>();
  computations = 0;
  private readonly throttle: Throttle;
  private readonly unsubscribe: () => void;
  private readonly recheckTimer: NodeJS.Timeout;

  constructor(
    private readonly id: string,
    private readonly source: BoardSource,
    events: ContestEvents,
    private readonly opts: Required<LiveOptions>,
    /** Called when the last viewer left. */
    private readonly onEmpty: () => void,
  ) {
    this.throttle = new Throttle(() => this.compute(), opts.intervalMs);
    this.unsubscribe = events.subscribe(id, () => this.throttle.poke());
    this.recheckTimer = setInterval(() => void this.recheck(), opts.recheckMs);
    this.recheckTimer.unref?.();
  }

  poke(): void {
    this.throttle.poke();
  }

  /** Takes a viewer off (it gets nothing more); the last one out stops the board. */
  remove(v: Viewer): void {
    if (v.gone) return;
    v.gone = true;
    this.viewers.delete(v);
    if (this.viewers.size === 0) this.onEmpty();
  }

  /** Ends a viewer's stream: taken off first, so nothing is written after the end. */
  private end(v: Viewer): void {
    if (v.gone) return;
    this.remove(v);
    v.sink.end();
  }

  stop(): void {
    this.throttle.stop();
    clearInterval(this.recheckTimer);
    this.unsubscribe();
  }

  private async compute() {
    this.computations++;
    let full: ContestBoard | undefined;
    try {
      full = await this.source.liveBoard(this.id);
    } catch {
      full = undefined;
    }
    if (!full) {
      // The contest is gone or cannot be read: every stream ends (clients reconnect or fall back to GET …/board).
      for (const v of [...this.viewers]) this.end(v);
      return;
    }
    // Who may see what can change with the contest (a judge taken off the panel of a draft): access
    // is checked again for every viewer last checked at another status or version.
    const state = stateOf(full);
    await this.recheck((v) => v.checkedAt !== state, state);
    const cut: { manager?: string; public?: string } = {};
    for (const v of this.viewers) {
      if (v.gone) continue;
      if (!v.started) {
        v.missed = true;
        continue;
      }
      const data = v.manager
        ? (cut.manager ??= JSON.stringify(boardView(full, true)))
        : (cut.public ??= JSON.stringify(boardView(full, false)));
      try {
        v.sink.send(data);
      } catch {
        this.end(v);
      }
    }
  }

  /** Checks again the access of the started viewers (those `due`), now at the contest's `state` if known. */
  private async recheck(due: (v: Viewer) => boolean = () => true, state?: string) {
    const viewers = [...this.viewers].filter((v) => v.started && !v.gone && due(v));
    await Promise.all(
      viewers.map(async (v) => {
        try {
          if (v.refresh) {
            const ctx = await v.refresh();
            if (!ctx) {
              this.end(v);
              return;
            }
            v.ctx = ctx;
          }
          v.manager = (await this.source.boardAccess(v.ctx, this.id)).manager;
          if (state) v.checkedAt = state;
        } catch {
          this.end(v);
        }
      }),
    );
  }
}

/**
 * The live boards of this process, one per contest with an open stream. On a change of the
 * contest (`ContestEvents`: this process's writes, and on PostgreSQL other processes' through the
 * relay) the board is computed ONCE, throttled (`Throttle`: at most one computation per
 * `LIVE_INTERVAL_MS`, always one after the last change), and each stream is sent its viewer's cut
 * of it (`boardView`: staff of the campaign see closed projects' scores, others only once the
 * results are published). Each stream's access is checked when it opens (by the stream), again every
 * `ACCESS_RECHECK_MS` and whenever the contest's status or version changes — with the viewer's
 * session read again, so a logout, a disabled account or a revoked role also ends the stream; a
 * stream that lost access is ended. Each contest holds one `ContestEvents` subscription while it has a stream.
 */
export class ContestLiveBoards {
  private readonly boards = new Map<string, LiveBoard>();
  private readonly opts: Required<LiveOptions>;

  constructor(
    private readonly events: ContestEvents,
    private readonly source: BoardSource,
    opts: LiveOptions = {},
  ) {
    this.opts = {
      intervalMs: opts.intervalMs ?? LIVE_INTERVAL_MS,
      recheckMs: opts.recheckMs ?? ACCESS_RECHECK_MS,
    };
  }

  /**
   * Subscribes a stream before its first board is computed, so no change falls between that board
   * and the first push; pushes wait for `start`.
   */
  join(ctx: RequestContext, id: string, sink: BoardSink, refresh: ContextRefresh | null = null): LiveSeat {
    let board = this.boards.get(id);
    if (!board) {
      const created = new LiveBoard(id, this.source, this.events, this.opts, () => {
        created.stop();
        if (this.boards.get(id) === created) this.boards.delete(id);
      });
      this.boards.set(id, created);
      board = created;
    }
    const live = board;
    const v: Viewer = {
      ctx,
      refresh,
      sink,
      manager: false,
      started: false,
      missed: false,
      gone: false,
      checkedAt: '',
    };
    live.viewers.add(v);
    return {
      start: (manager, first) => {
        if (v.gone) return;
        v.manager = manager;
        v.checkedAt = stateOf(first);
        v.started = true;
        if (v.missed) live.poke();
      },
      leave: () => live.remove(v),
    };
  }

  /** Board computations so far for the contest's current live board (0 when nobody watches). */
  computations(id: string): number {
    return this.boards.get(id)?.computations ?? 0;
  }

  /** Open streams on the contest in this process. */
  viewers(id: string): number {
    return this.boards.get(id)?.viewers.size ?? 0;
  }

  /** Open streams on every contest in this process (the metrics' gauge). */
  streams(): number {
    let n = 0;
    for (const b of this.boards.values()) n += b.viewers.size;
    return n;
  }

  /**
   * Ends every open stream (graceful shutdown, issue 16): each client's EventSource reconnects, through
   * the proxy, to a process that stays up and is sent the board again.
   */
  endAll(): number {
    let n = 0;
    for (const b of [...this.boards.values()])
      for (const v of [...b.viewers]) {
        v.sink.end();
        n++;
      }
    return n;
  }
}
