import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DB } from './db/types';
import { makeServices } from './services';
import { makeRepos, Store, type RepoName } from './store';

const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
  plugins: [new CamelCasePlugin()],
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'touyan-store-'));

afterAll(async () => {
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const ALL = Object.keys(makeRepos(db)).sort() as RepoName[];

describe('Store views', () => {
  const store = new Store(db, 'sqlite');

  it('the full store holds every repository', () => {
    expect(Object.keys(store.repos).sort()).toEqual(ALL);
  });

  it('a view holds exactly the repositories it lists, outside and inside a transaction', async () => {
    const view = store.view('projects', 'audit');
    expect(Object.keys(view.repos).sort()).toEqual(['audit', 'projects']);
    expect('campaigns' in view.repos).toBe(false);
    // @ts-expect-error — a repository the view did not declare is not in its type
    expect(view.repos.campaigns).toBeUndefined();

    const inside = await view.tx(async (repos) => {
      // @ts-expect-error — nor in the transaction's repositories
      expect(repos.users).toBeUndefined();
      return Object.keys(repos).sort();
    });
    expect(inside).toEqual(['audit', 'projects']);
  });

  it('a view of a view narrows further and keeps the dialect', async () => {
    const narrower = store.view('projects', 'audit', 'reports').view('reports');
    expect(narrower.dialect).toBe('sqlite');
    expect(Object.keys(narrower.repos)).toEqual(['reports']);
    expect(await narrower.tx(async (repos) => Object.keys(repos))).toEqual(['reports']);
  });

  it('the full store passes every repository into a transaction', async () => {
    expect(await store.tx(async (repos) => Object.keys(repos).sort())).toEqual(ALL);
  });
});

describe('makeServices', () => {
  const services = makeServices(
    { db, dialect: 'sqlite', close: () => db.destroy() },
    {
      secretKey: Buffer.alloc(32, 7),
      sessionTtlMs: 3600_000,
      dataDir,
      uploads: { dailyQuotaBytes: 1, unlinkedQuotaBytes: 1, unlinkedTtlMs: 1 },
    },
  );
  const storeOf = (service: unknown) => (service as { store: Store }).store;
  const keys = (service: unknown) => Object.keys(storeOf(service).repos).sort();

  it('gives every service a view of only its repositories, never the full store', () => {
    const built = Object.entries(services).filter(
      ([, s]) => typeof s === 'object' && s !== null && 'store' in s && storeOf(s) instanceof Store,
    );
    expect(built.length).toBeGreaterThan(15);
    for (const [name, s] of built) {
      expect(storeOf(s), name).not.toBe(services.store);
      expect(keys(s).length, name).toBeLessThan(ALL.length);
    }
  });

  it('lists the repositories of a few services exactly', () => {
    expect(keys(services.audit)).toEqual(['audit']);
    expect(keys(services.notifications)).toEqual(['notifications']);
    expect(keys(services.home)).toEqual([
      'campaigns',
      'demands',
      'disputeCentres',
      'disputes',
      'gigs',
      'home',
      'notifications',
      'projects',
      'visits',
    ]);
    expect(keys(services.projects)).toEqual([
      'attachments',
      'audit',
      'campaigns',
      'challenges',
      'partyOrgs',
      'projects',
    ]);
  });
});
