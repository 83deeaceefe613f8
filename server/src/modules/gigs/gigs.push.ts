import { boundingBox, formatPay, GIG_PUSH_MAX, maskMobile, type GigKind, type GigPayUnit } from '@touyan/schemas';
import type { FieldCipher } from '../../core/crypto';
import { now } from '../../core/clock';
import type { JobQueue } from '../../jobs';
import { errorMessage } from '../../jobs/queue';
import { shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { NotificationsService } from '../notifications/notifications.service';
import { byScore, summaryOf } from './gigs.match';
import { parseList } from './gigs.repository';
import { matchJobOf, MAX_CANDIDATES, MAX_MATCH_KM, scoreCandidate, type GigPublisher } from './gigs.service';
import type { SmsProvider } from './gigs.sms';

/** The gig module's background jobs (names stored in the queue: never rename one). */
export const GIG_JOBS = { push: 'gig-push', daily: 'gig-daily', sms: 'gig-sms' } as const;
export interface GigPushJobData {
  jobId: string;
  trigger: 'publish' | 'daily';
}

/** How many of a job's best matches are pushed it, unless GIG_PUSH_TOP says otherwise. */
export const DEFAULT_GIG_PUSH_TOP = 200;
/** Pushes are written in batches of this many workers, one transaction each. */
const BATCH = 500;
/** An SMS is tried this many times, waiting 60 s, 2, 4, 8 min between tries. */
export const SMS_MAX_ATTEMPTS = 5;
/** A claim older than this is taken to belong to a process that stopped: the message is claimed again. */
const SMS_STALE_MS = 10 * 60_000;

export type GigPushStore = Store<'audit' | 'gigs' | 'notifications'>;

/** Publishing a job sends its push job on the durable queue (one queued per job at a time). */
export class QueueGigPublisher implements GigPublisher {
  constructor(private readonly queue: JobQueue) {}

  async published(jobId: string): Promise<void> {
    const data: GigPushJobData = { jobId, trigger: 'publish' };
    await this.queue.send(GIG_JOBS.push, data, { singletonKey: `${GIG_JOBS.push}:${jobId}` });
  }
}

/**
 * The pushes of 零工快招 (issue 13), run by the durable queue's handlers (background.ts):
 *  - `pushJob`: the job's top matches (`top`, best first, muted kinds left out) each get one push
 *    record, one in-app message (when the worker has an account) and one SMS in the outbox (when the
 *    channel is on and the worker did not opt out). The unique (job, worker) key decides "once": a
 *    retry, a daily run or a second process inserts nothing for a worker already pushed, and only the
 *    rows this call inserted get messages.
 *  - `daily`: jobs past their closing date close (`expired`); the rest are pushed again, which
 *    reaches only workers who joined the top matches since.
 *  - `deliverSms`: claims due messages in one statement, sends each through the provider with its
 *    idempotency key, records sent or schedules a retry with backoff (failed after SMS_MAX_ATTEMPTS).
 */
export class GigPushService {
  constructor(
    private readonly store: GigPushStore,
    private readonly cipher: FieldCipher,
    private readonly sms: SmsProvider | null,
    private readonly top: number,
  ) {}

  get smsEnabled(): boolean {
    return this.sms !== null;
  }

  async pushJob(
    jobId: string,
    trigger: 'publish' | 'daily',
  ): Promise<{ candidates: number; pushed: number; sms: number }> {
    const repos = this.store.repos;
    const job = await repos.gigs.getJob({ all: true, regionOrgIds: [], hostOrgIds: [], workerUserId: null }, jobId);
    if (!job || job.status !== 'open' || String(job.closingOn) < shanghaiDate())
      return { candidates: 0, pushed: 0, sms: 0 };
    const here = job.lat !== null && job.lng !== null ? { lat: Number(job.lat), lng: Number(job.lng) } : null;
    const candidates = await repos.gigs.candidatesForJob(
      job,
      here ? boundingBox(here, Math.min(MAX_MATCH_KM, (await repos.gigs.widestDistanceKm()) ?? 0) * 1000) : null,
      MAX_CANDIDATES,
    );
    const mj = matchJobOf(job);
    const ranked = candidates
      .filter((c) => !parseList<GigKind>(c.mutedKinds).includes(job.kind as GigKind))
      .map((c) => ({ id: c.workerId, c, match: scoreCandidate(mj, c) }))
      .filter((x): x is typeof x & { match: NonNullable<typeof x.match> } => x.match !== null)
      .sort(byScore)
      .slice(0, job.pushScope === 'all' ? GIG_PUSH_MAX : this.top);
    const today = shanghaiDate();
    const pay = formatPay(job.payFen, job.payUnit as GigPayUnit);
    let pushed = 0;
    let sms = 0;
    for (let i = 0; i < ranked.length; i += BATCH) {
      const batch = ranked.slice(i, i + BATCH);
      const made = await this.store.tx(async (tx) => {
        const rows = batch.map(({ c, match }) => ({
          jobId,
          workerId: c.workerId,
          score: match.score,
          summary: summaryOf(match.reasons, 'zh-CN'),
          inApp: c.userId ? 1 : 0,
          sms: this.sms && c.smsOptIn === 1 ? 1 : 0,
          trigger,
          localDate: today,
        }));
        const fresh = await tx.gigs.insertPushes(rows);
        const mine = rows.filter((r) => fresh.has(r.workerId));
        const byWorker = new Map(batch.map((b) => [b.c.workerId, b.c]));
        await NotificationsService.sendEach(
          tx,
          mine
            .filter((r) => r.inApp)
            .map((r) => ({
              userId: byWorker.get(r.workerId)!.userId!,
              kind: 'gig_match' as const,
              title: `${job.title} · ${pay}`,
              body: `${job.hostOrgName} · ${r.summary}`,
              link: `/gigs?job=${jobId}`,
              dedupeKey: null,
            })),
        );
        const texts = mine.filter((r) => r.sms);
        await tx.gigs.enqueueSms(
          texts.map((r) => {
            const enc = byWorker.get(r.workerId)!.mobileEnc;
            return {
              idempotencyKey: `gig-push:${jobId}:${r.workerId}`,
              toEnc: enc,
              toMasked: maskMobile(this.cipher.decrypt(enc)),
              body: `【零工快招】${job.hostOrgName}招${job.title}，${pay}，${r.summary}。回复TD退订`,
              status: 'pending',
              nextAttemptAt: now().toISOString(),
              createdAt: now().toISOString(),
            };
          }),
        );
        return { pushed: mine.length, sms: texts.length };
      });
      pushed += made.pushed;
      sms += made.sms;
    }
    return { candidates: ranked.length, pushed, sms };
  }

  /** Closes open jobs past their closing date (audited as the system); the open jobs left. */
  async daily(at: Date): Promise<{ expired: number; open: string[] }> {
    const today = shanghaiDate(at);
    const expired = await this.store.tx(async (repos) => {
      let n = 0;
      for (const job of await repos.gigs.openPastClosing(today)) {
        if (!(await repos.gigs.closeBySystem(job.id, 'expired'))) continue;
        n++;
        await repos.audit.record(
          { userId: null, userName: null, ip: null, requestId: 'gig-daily' },
          {
            action: 'expire',
            entityType: 'gig_job',
            entityId: job.id,
            entityLabel: job.title,
            changes: [{ field: 'status', before: 'open', after: 'closed' }],
          },
        );
      }
      return n;
    });
    return { expired, open: await this.store.repos.gigs.openJobIds(today) };
  }

  /**
   * Sends the due messages of the outbox (up to `limit` per call): each claimed in one statement (so
   * two processes never take the same one), sent with its idempotency key, then recorded — sent, or
   * back to pending after 60 s · 2^(attempt−1), failed after SMS_MAX_ATTEMPTS tries.
   */
  async deliverSms(limit = 100): Promise<{ sent: number; retried: number; failed: number }> {
    const out = { sent: 0, retried: 0, failed: 0 };
    if (!this.sms) return out;
    const at = now();
    const claimed = await this.store.repos.gigs.claimSms(
      at.toISOString(),
      new Date(at.getTime() - SMS_STALE_MS).toISOString(),
      limit,
    );
    for (const m of claimed) {
      const claimedAt = m.claimedAt!;
      try {
        const r = await this.sms.send({
          to: this.cipher.decrypt(m.toEnc),
          text: m.body,
          idempotencyKey: m.idempotencyKey,
        });
        await this.store.repos.gigs.smsOutcome(m.id, claimedAt, {
          status: 'sent',
          sentAt: now().toISOString(),
          providerId: r.id,
          lastError: null,
        });
        out.sent++;
      } catch (e) {
        const last = m.attempts >= SMS_MAX_ATTEMPTS;
        await this.store.repos.gigs.smsOutcome(m.id, claimedAt, {
          status: last ? 'failed' : 'pending',
          lastError: errorMessage(e),
          nextAttemptAt: new Date(now().getTime() + 60_000 * 2 ** (m.attempts - 1)).toISOString(),
        });
        if (last) out.failed++;
        else out.retried++;
      }
    }
    return out;
  }
}
