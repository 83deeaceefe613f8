import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/actor';
import type { ContextRefresh } from './contests.live';
import type { ContestsService } from './contests.service';

/** Keep-alive comment interval: proxies and browsers drop idle streams. */
export const KEEP_ALIVE_MS = 15_000;

/**
 * The board as Server-Sent Events: one `board` event at once (computed for this viewer, which also
 * checks access: 404 / 403 as JSON before the stream opens), then the contest's shared live board
 * (`ContestLiveBoards`: after a change — in this process or, on PostgreSQL through the relay, in
 * another one — computed once for every viewer and throttled, each viewer sent what they may see),
 * and a `: ping` comment every 15 s. The stream ends when the viewer loses access (checked again
 * periodically and when the contest's status changes); the subscription and timer are dropped
 * when the client goes away.
 */
export async function openStream(
  contests: ContestsService,
  ctx: RequestContext,
  id: string,
  once: boolean,
  req: FastifyRequest,
  reply: FastifyReply,
  refresh: ContextRefresh | null = null,
): Promise<void> {
  if (once) {
    const board = await contests.board(ctx, id);
    const res = open(reply);
    res.write(event(JSON.stringify(board)));
    res.end();
    return;
  }

  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let res: ReturnType<typeof open> | null = null;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    if (timer) clearInterval(timer);
    seat.leave();
  };
  // Subscribed before the first board is computed: a change meanwhile is pushed after it.
  const seat = contests.live.join(
    ctx,
    id,
    {
      send: (data) => {
        if (!closed) res?.write(event(data));
      },
      end: () => {
        if (closed) return;
        cleanup();
        res?.end();
      },
    },
    refresh,
  );
  let first: Awaited<ReturnType<ContestsService['viewerBoard']>>;
  try {
    first = await contests.viewerBoard(ctx, id);
  } catch (err) {
    cleanup();
    throw err;
  }
  res = open(reply);
  res.write(event(JSON.stringify(first.board)));
  timer = setInterval(() => res?.write(': ping\n\n'), KEEP_ALIVE_MS);
  timer.unref();
  req.raw.on('close', cleanup);
  res.on('close', cleanup);
  if (closed || req.raw.socket.destroyed) {
    // Ended while the first board was computed (the client went, or the contest did).
    cleanup();
    res.end();
    return;
  }
  seat.start(first.manager, first.board);
}

const event = (data: string) => `event: board\ndata: ${data}\n\n`;

function open(reply: FastifyReply) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  return res;
}
