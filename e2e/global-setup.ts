import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataTemplate } from '../server/test/harness';
import { TEMPLATE_DIR_ENV, templateMetaFile } from './server';

/**
 * The e2e run's demo template (e2e/server.ts): a directory the files share through the environment
 * (the test processes start after this and inherit it); removed, with the template's data directory and
 * PostgreSQL database, when the run ends.
 */
export default function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'touyan-e2e-template-'));
  process.env[TEMPLATE_DIR_ENV] = dir;
  return async () => {
    const meta = templateMetaFile(dir);
    if (existsSync(meta)) {
      const template = JSON.parse(readFileSync(meta, 'utf8')) as DataTemplate;
      rmSync(template.dataDir, { recursive: true, force: true });
      if (template.pgDatabase && process.env.TEST_DATABASE_URL) {
        const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await c.connect();
        await c.query(`drop database if exists ${template.pgDatabase} with (force)`);
        await c.end();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
