import { expect } from 'vitest';
import type { ContestBoard } from '@touyan/schemas';
import type { Session } from './harness';

/**
 * An open contest board stream (Server-Sent Events, `GET /api/contests/:id/stream`) on a listening
 * app at `address`, as this user: read the next board, with a deadline, or until the presenter shows
 * a number of submissions; `close` drops the connection.
 */
export async function openBoardStream(address: string, s: Session, contestId: string) {
  const abort = new AbortController();
  const res = await fetch(`${address}/api/contests/${contestId}/stream`, {
    headers: { cookie: s.cookie },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<ContestBoard> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = chunk.split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6)) as ContestBoard;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  /** The next board, or a failure after `ms`. */
  const within = (ms: number) =>
    Promise.race([
      next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no board event within ${ms} ms`)), ms)),
    ]);
  /** Reads boards until one shows this many submissions for the presenter; returns it and how many were read. */
  const until = async (submitted: number, ms: number) => {
    let events = 0;
    const deadline = performance.now() + ms;
    for (;;) {
      const b = await within(Math.max(1, deadline - performance.now()));
      events++;
      if (b.current?.submitted === submitted) return { board: b, events };
    }
  };
  const close = async () => {
    abort.abort();
    await reader.cancel().catch(() => undefined);
  };
  return { next, within, until, close };
}
