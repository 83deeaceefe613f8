import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/actor';
import type { ContestsService } from './contests.service';

/** Keep-alive comment interval: proxies and browsers drop idle streams. */
export const KEEP_ALIVE_MS = 15_000;

/**
 * The board as Server-Sent Events: one `board` event at once, then one after every change of the
 * contest (pushed by `ContestEvents` right after the change commits, in this process or — on
 * PostgreSQL, through the relay — in another one), a `: ping` comment every 15 s; the
 * subscription and timer are dropped when the client goes away. The state
 * is computed per connection, so each viewer gets what they may see. Access is checked before the
 * stream opens (404 / 403 as JSON).
 */
export async function openStream(
  contests: ContestsService,
  ctx: RequestContext,
  id: string,
  once: boolean,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const first = await contests.board(ctx, id);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  const send = (board: unknown) => res.write(`event: board\ndata: ${JSON.stringify(board)}\n\n`);
  send(first);
  if (once) {
    res.end();
    return;
  }

  let closed = false;
  let running = false;
  let again = false;
  // Coalesces bursts (20 judges submitting at once): one computation at a time, one more if changed meanwhile.
  const push = async () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const board = await contests.board(ctx, id);
        if (!closed) send(board);
      } while (again && !closed);
    } catch {
      // Access lost or the contest is gone: end the stream; the client falls back to GET …/board.
      cleanup();
      res.end();
    } finally {
      running = false;
    }
  };
  const unsubscribe = contests.events.subscribe(id, () => void push());
  const timer = setInterval(() => res.write(': ping\n\n'), KEEP_ALIVE_MS);
  timer.unref();
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    unsubscribe();
  };
  req.raw.on('close', cleanup);
  res.on('close', cleanup);
}
