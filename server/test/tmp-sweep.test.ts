import { existsSync } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMP_STALE_MS, tmpSweepJobName } from '../src/background';
import { createTestApp, TEST_DB, type TestApp } from './harness';

/**
 * Issue 16: temporary files left by a process stopped mid-upload (attachments' `uploads/tmp`, the
 * ledger import's `imports/tmp`) or mid-archive (`audit-archive/tmp`) are removed by a recurring job on
 * the durable queue, one per data directory (the files are on that machine's disk), not by a timer.
 */
let t: TestApp;
let other: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  other = await createTestApp();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

async function file(dir: string, name: string, ageMs: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const p = path.join(dir, name);
  await writeFile(p, 'partial');
  const at = new Date(Date.now() - ageMs);
  await utimes(p, at, at);
  return p;
}

describe(`the temporary-file sweep (${TEST_DB})`, () => {
  it('is a job of its data directory, scheduled hourly on the durable queue, the same across restarts', async () => {
    const name = await tmpSweepJobName(t.config.dataDir);
    expect(name).toMatch(/^tmp-sweep-[0-9a-f]{12}$/);
    expect(await tmpSweepJobName(t.config.dataDir)).toBe(name);
    expect((await readFile(path.join(t.config.dataDir, 'instance-id'), 'utf8')).trim()).toBe(name.slice(10));
    // Another data directory (another machine) has its own.
    expect(await tmpSweepJobName(other.config.dataDir)).not.toBe(name);
    // The app's queue sends each schedule's current period (buildApp registered the job).
    await t.services.jobs.drain();
    const done = await t.services.jobs.list({ state: 'completed', limit: 200 });
    expect(done.map((j) => j.name)).toContain(name);
    const schedule = await t.database.db
      .selectFrom('jobSchedules')
      .select(['name', 'cron'])
      .where('name', '=', name)
      .executeTakeFirst();
    expect(schedule).toEqual({ name, cron: '0 * * * *' });
  });

  it('removes stale partial uploads, ledger-import and audit-archive temporaries, and keeps fresh ones and other files', async () => {
    const hour = 3600_000;
    const stale = TMP_STALE_MS + hour;
    const uploads = t.services.attachments.storage.tmpDir;
    const imports = t.services.hostOrgImports.tmpDir;
    const archive = t.services.audit.archiveTmpDir!;
    expect(uploads).toBe(path.join(t.config.dataDir, 'uploads', 'tmp'));
    expect(imports).toBe(path.join(t.config.dataDir, 'imports', 'tmp'));
    expect(archive).toBe(path.join(t.config.dataDir, 'audit-archive', 'tmp'));
    const gone = [
      await file(uploads, 'a.part', stale),
      await file(imports, 'b.part', stale),
      await file(archive, 'c.jsonl.gz.part', stale),
    ];
    const kept = [
      await file(uploads, 'fresh.part', 60_000), // an upload in progress
      await file(imports, 'fresh.part', TMP_STALE_MS - hour),
      await file(imports, 'notes.txt', stale), // not a temporary file
    ];
    // The other data directory's stale file is its own job's to remove.
    const elsewhere = await file(other.services.attachments.storage.tmpDir, 'x.part', stale);

    const name = await tmpSweepJobName(t.config.dataDir);
    const id = await t.services.jobs.send(name, {});
    expect(await t.services.jobs.drain([name])).toBe(1);
    const job = await t.services.jobs.get(id!);
    expect(job?.state).toBe('completed');
    for (const p of gone) expect(existsSync(p), p).toBe(false);
    for (const p of kept) expect(existsSync(p), p).toBe(true);
    expect(existsSync(elsewhere)).toBe(true);

    // Run again (idempotent): the fresh files are still kept.
    const again = await t.services.jobs.send(name, {});
    expect(await t.services.jobs.drain([name])).toBe(1);
    expect((await t.services.jobs.get(again!))?.state).toBe('completed');
    for (const p of kept) expect(existsSync(p), p).toBe(true);
  });
});
