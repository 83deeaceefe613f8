import { ConfigError, loadConfig } from './config';
import { migrateToLatest, openDatabase } from './db/database';
import {
  rebuildCoverageSummary,
  rebuildDemandMonthlySummary,
  rebuildDemandSummary,
  rebuildPassSummaries,
  rebuildScanSummary,
  rebuildWorkerSummary,
} from './db/dashboard-summaries';

/**
 * `npm run rebuild-summaries`: refills the dashboard's summaries (issue 15: demands by day and month, workers, passes, pass scans, coverage)
 * from their rows, in one transaction each — after a restore from an older backup, or to repair
 * rows written outside the services. The services keep them up to date on every write; this is the
 * same rebuild as the migration's fill. Prints each summary's rows before and after.
 */
async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = openDatabase(config.db);
  try {
    await migrateToLatest(database);
    const db = database.db;
    const rows = async (
      table:
        | 'demandDailyStats'
        | 'demandMonthlyStats'
        | 'workerDailyStats'
        | 'scanDailyStats'
        | 'passDailyStats'
        | 'hostOrgCoverageStats',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    for (const [name, table, rebuild] of [
      ['demands', 'demandDailyStats', rebuildDemandSummary],
      ['demands by month', 'demandMonthlyStats', rebuildDemandMonthlySummary],
      ['workers', 'workerDailyStats', rebuildWorkerSummary],
      ['passes (by day and by month)', 'passDailyStats', rebuildPassSummaries],
      ['scans', 'scanDailyStats', rebuildScanSummary],
      ['host organisations (coverage)', 'hostOrgCoverageStats', rebuildCoverageSummary],
    ] as const) {
      const before = await rows(table);
      const t0 = performance.now();
      await db.transaction().execute((trx) => rebuild(trx));
      const ms = Math.round(performance.now() - t0);
      console.log(`${name}: ${before} → ${await rows(table)} summary rows (${ms} ms)`);
    }
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
