import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import { now } from './core/clock';
import { dataDirId, sweepStaleParts } from './core/tmp-files';
import type { JobQueue } from './jobs';
import { uploadCleanupJob } from './modules/attachments/attachments.cleanup';
import { reportRemindersJob } from './modules/execution/reminders';
import { GIG_JOBS, type GigPushJobData } from './modules/gigs/gigs.push';
import type { Services } from './services';

/** The background jobs of the platform, by name (the names are stored in the queue: never rename one). */
export const JOB_NAMES = {
  reportReminders: 'report-reminders',
  uploadCleanup: 'upload-cleanup',
  demandEscalation: 'demand-escalation',
  importCleanup: 'import-cleanup',
  gigPush: GIG_JOBS.push,
  gigDaily: GIG_JOBS.daily,
  gigSms: GIG_JOBS.sms,
  disputeClocks: 'dispute-clock-overdue',
  auditRetention: 'audit-retention',
  /** Per data directory: `tmp-sweep-<DATA_DIR/instance-id>` (tmpSweepJobName). */
  tmpSweep: 'tmp-sweep',
} as const;

/**
 * The temporary-file sweep's job name for a data directory. The temporary files are on the disk of
 * the machine whose process wrote them, also when the stored files are shared (STORAGE=s3), while a
 * job on the durable queue runs in any one process: so each data directory has a job (and schedule)
 * of its own, which only the processes on that directory register and run.
 */
export async function tmpSweepJobName(dataDir: string): Promise<string> {
  return `${JOB_NAMES.tmpSweep}-${await dataDirId(dataDir)}`;
}

/** Temporary files older than this are left over by a stopped process (no upload or archive takes as long). */
export const TMP_STALE_MS = 6 * 3600_000;

/** Daily at 01:00 UTC (09:00 in Asia/Shanghai). */
export const DAILY_0900_SHANGHAI = '0 1 * * *';
/** Every minute. */
export const EVERY_MINUTE = '* * * * *';

/** Hourly, at minute 0 (UTC), and at start when this hour has not run yet. */
export const HOURLY = '0 * * * *';

/**
 * Registers every background job's handler on the queue and defines the recurring ones (the
 * composition root's part: server/src/jobs knows no module). buildApp calls it; main.ts starts the
 * queue once the app is built. Both jobs are idempotent (reminders deduplicated per report, the
 * cleanup deletes what is due, escalation marks each overdue step once), so a retry or a run in
 * another process does no harm.
 */
export async function registerBackgroundJobs(
  queue: JobQueue,
  services: Pick<Services, 'store' | 'attachments' | 'demands' | 'hostOrgImports' | 'gigPushes' | 'disputes' | 'audit'>,
  config: Pick<Config, 'uploads' | 'imports' | 'dataDir'> & Partial<Pick<Config, 'auditRetentionDays'>>,
  log: Pick<FastifyBaseLogger, 'info'>,
): Promise<void> {
  const retry = { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true as const, expireInSeconds: 30 * 60 };
  queue.register(JOB_NAMES.reportReminders, reportRemindersJob(services, log), retry);
  queue.register(JOB_NAMES.uploadCleanup, uploadCleanupJob(services, config, log), retry);
  await queue.schedule(JOB_NAMES.reportReminders, HOURLY);
  await queue.schedule(JOB_NAMES.uploadCleanup, HOURLY);
  // Enterprise demands past a step's deadline (签收, first reply, resolution): marked once per step
  // and staff notified (DemandsService.escalateOverdue is idempotent: a guarded update per step).
  queue.register(
    JOB_NAMES.demandEscalation,
    async () => {
      const escalated = await services.demands.escalateOverdue(now());
      if (escalated.length) log.info({ escalated: escalated.length }, 'overdue demands escalated');
      return { escalated: escalated.length };
    },
    retry,
  );
  await queue.schedule(JOB_NAMES.demandEscalation, HOURLY);
  // Ledger imports never committed (dry run done and left, or failed) expire after the TTL: marked
  // expired, their uploaded file deleted, audited (HostOrgImportsService.expireAbandoned is idempotent).
  queue.register(
    JOB_NAMES.importCleanup,
    async () => {
      const expired = await services.hostOrgImports.expireAbandoned(
        new Date(now().getTime() - config.imports.abandonedTtlMs),
      );
      if (expired) log.info({ expired }, 'abandoned ledger imports expired');
      return { expired };
    },
    retry,
  );
  await queue.schedule(JOB_NAMES.importCleanup, HOURLY);
  // Temporary files (`*.part`) left by a process stopped mid-upload (attachments, ledger imports) or
  // mid-archive (audit), older than TMP_STALE_MS: removed hourly, by a job of this data directory's own.
  const tmpDirs = {
    uploads: services.attachments.storage.tmpDir,
    imports: services.hostOrgImports.tmpDir,
    ...(services.audit.archiveTmpDir ? { auditArchive: services.audit.archiveTmpDir } : {}),
  };
  const tmpSweep = await tmpSweepJobName(config.dataDir);
  queue.register(
    tmpSweep,
    async () => {
      // Files' times are the real clock's (not a simulated one's).
      const before = new Date(Date.now() - TMP_STALE_MS);
      const removed: Record<string, number> = {};
      for (const [area, dir] of Object.entries(tmpDirs)) removed[area] = await sweepStaleParts(dir, before);
      if (Object.values(removed).some((n) => n > 0)) log.info({ removed }, 'stale temporary files removed');
      return { removed };
    },
    retry,
  );
  await queue.schedule(tmpSweep, HOURLY);
  // 零工快招 (issue 13). A published job's pushes: idempotent per (job, worker) by the push records'
  // unique key, so a retry or a second process pushes nobody twice. Daily: jobs past their closing
  // date close and the open ones are pushed again (reaching only workers new to their top matches).
  // The SMS outbox is sent every minute (and after a push that queued messages).
  queue.register<GigPushJobData>(
    JOB_NAMES.gigPush,
    async (job) => {
      const r = await services.gigPushes.pushJob(job.data.jobId, job.data.trigger);
      if (r.sms > 0) await queue.send(JOB_NAMES.gigSms, {}, { singletonKey: JOB_NAMES.gigSms });
      return r;
    },
    { ...retry, retryDelaySeconds: 30 },
  );
  queue.register(
    JOB_NAMES.gigDaily,
    async () => {
      const { expired, open } = await services.gigPushes.daily(now());
      for (const jobId of open) {
        const data: GigPushJobData = { jobId, trigger: 'daily' };
        await queue.send(JOB_NAMES.gigPush, data, { singletonKey: `${JOB_NAMES.gigPush}:${jobId}` });
      }
      if (expired) log.info({ expired }, 'gig jobs past their closing date closed');
      return { expired, pushed: open.length };
    },
    retry,
  );
  await queue.schedule(JOB_NAMES.gigDaily, DAILY_0900_SHANGHAI);
  queue.register(JOB_NAMES.gigSms, () => services.gigPushes.deliverSms(), { ...retry, expireInSeconds: 10 * 60 });
  if (services.gigPushes.smsEnabled) await queue.schedule(JOB_NAMES.gigSms, EVERY_MINUTE);
  // 调裁诉援: a statutory clock past its last day alerts the centre's head (and the case's mediator),
  // once per clock and last day (DisputesService.alertOverdueClocks marks each with a guarded update).
  queue.register(
    JOB_NAMES.disputeClocks,
    async () => {
      const alerted = await services.disputes.alertOverdueClocks(now());
      if (alerted) log.info({ alerted }, 'overdue dispute clocks alerted');
      return { alerted };
    },
    retry,
  );
  await queue.schedule(JOB_NAMES.disputeClocks, HOURLY);
  // Audit retention (issue 16, 等保 ≥ 180 days): daily, entries older than AUDIT_RETENTION_DAYS are
  // archived (gzip'd JSON lines in the file storage's audit-archive/: the data directory or the
  // bucket) and then deleted.
  if (config.auditRetentionDays) {
    const days = config.auditRetentionDays;
    queue.register(
      JOB_NAMES.auditRetention,
      async () => {
        const at = now();
        const r = await services.audit.archiveBefore(new Date(at.getTime() - days * 24 * 3600_000), at);
        if (r.archived) log.info(r, 'audit entries archived');
        return r;
      },
      retry,
    );
    await queue.schedule(JOB_NAMES.auditRetention, DAILY_0900_SHANGHAI);
  }
}
