import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { setProcessClock } from '../server/src/core/clock';
import { ensureSeeded } from '../server/src/seed/seed-runner';
import { createTestApp, type DataTemplate, type TestApp } from '../server/test/harness';

const WEB_DIST = path.resolve(import.meta.dirname, '../web/dist');

export interface RunningServer {
  t: TestApp;
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /**
   * The clock every request of this process acts at (e.g. `new SimulatedClock('2026-12-15T02:00:00Z').now`),
   * set before seeding; close() restores real time. The demo seed replays 2025 under its own clock.
   */
  clock?: () => Date;
  /** The address to listen on (default 127.0.0.1; 0.0.0.0 to be reached through the LAN address too). */
  host?: string;
  /** More environment for the configuration, e.g. `{ NODE_ENV: 'production' }` for production defaults. */
  env?: NodeJS.ProcessEnv;
}

/** The real platform (built web app + API) on a free port, over a fresh database with the demo data. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build -w web` first (npm test does it)');
  }
  if (options.clock) setProcessClock(options.clock);
  try {
    // With the real clock and no special environment, start from the run's seeded demo (one seed per run).
    const template = options.clock || options.env ? null : await demoTemplate();
    const t = await createTestApp({ WEB_DIST, ...options.env }, { webDist: WEB_DIST }, template ? { template } : {});
    await ensureSeeded(t.services, t.app.log);
    await t.app.listen({ port: 0, host: options.host ?? '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    return {
      t,
      baseUrl: `http://127.0.0.1:${port}`,
      port,
      close: async () => {
        try {
          await t.close();
        } finally {
          if (options.clock) setProcessClock(null);
        }
      },
    };
  } catch (e) {
    if (options.clock) setProcessClock(null);
    throw e;
  }
}

/** Where e2e/global-setup.ts keeps the run's demo template (unset: every file seeds its own demo). */
export const TEMPLATE_DIR_ENV = 'TOUYAN_E2E_TEMPLATE_DIR';
/** The template's description, next to its data directory. */
export const templateMetaFile = (dir: string) => path.join(dir, 'template.json');

/**
 * The demo data of this run, seeded once (by the first file that needs it) with the real clock into a
 * kept data directory and database, then copied for each file: every file still gets its own database,
 * as if it had seeded it (the demo is dated from the day of loading; the run is one day).
 */
async function demoTemplate(): Promise<DataTemplate | null> {
  const dir = process.env[TEMPLATE_DIR_ENV];
  if (!dir) return null;
  const meta = templateMetaFile(dir);
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as DataTemplate;
  const secretKey = randomBytes(32).toString('hex');
  const t = await createTestApp({ WEB_DIST, SECRET_KEY: secretKey }, { webDist: WEB_DIST }, { keep: true });
  try {
    await ensureSeeded(t.services, t.app.log);
  } finally {
    await t.close();
  }
  const template: DataTemplate = { dataDir: t.dataDir, secretKey, pgDatabase: t.pgDatabase };
  writeFileSync(meta, JSON.stringify(template));
  return template;
}
