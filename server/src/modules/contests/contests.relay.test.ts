import { describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../../db/types';
import { ContestEvents } from './contests.events';
import { PgContestRelay } from './contests.relay';

describe('contest events', () => {
  it('emits a change to local subscribers at once and hands it to the relay; a delivered one stays local', () => {
    const events = new ContestEvents();
    const published: string[] = [];
    const seen: string[] = [];
    events.relayTo({ publish: (id) => published.push(id) });
    const off = events.subscribe('k1', () => seen.push('k1'));
    events.changed('k1');
    expect(seen).toEqual(['k1']);
    expect(published).toEqual(['k1']);
    events.deliver('k1');
    expect(seen).toEqual(['k1', 'k1']);
    expect(published).toEqual(['k1']);
    off();
    events.changed('k1');
    expect(seen).toHaveLength(2);
  });

  it('lists the contests watched in this process', () => {
    const events = new ContestEvents();
    const off = events.subscribe('k1', () => undefined);
    events.subscribe('k2', () => undefined);
    expect(events.watched().sort()).toEqual(['k1', 'k2']);
    off();
    expect(events.watched()).toEqual(['k2']);
  });

  it('logs a failed notification instead of throwing into the request that made the change', async () => {
    // A pool that cannot give a connection (the database is unreachable).
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: async () => {
          throw new Error('connection refused');
        },
      }),
      plugins: [new CamelCasePlugin()],
    });
    const warn = vi.fn();
    const events = new ContestEvents();
    const relay = new PgContestRelay({
      url: 'postgres://nobody@127.0.0.1:1/none',
      db,
      events,
      log: { warn, info: vi.fn() } as unknown as FastifyBaseLogger,
    });
    events.relayTo(relay);
    const seen: string[] = [];
    events.subscribe('k1', () => seen.push('k1'));
    expect(() => events.changed('k1')).not.toThrow();
    expect(seen).toEqual(['k1']);
    await relay.close();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ contestId: 'k1' }), 'contest relay: notify failed');
    // After close nothing more is sent.
    events.changed('k1');
    await relay.close();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
