import {
  boundingBox,
  gigJobTransition,
  maskMobile,
  maskName,
  weekdayMask,
  weekdaysOf,
  type GigDecideBody,
  type GigForMeList,
  type GigForMeQuery,
  type GigIntentionBody,
  type GigIntentionBatchBody,
  type GigIntentionBatchResult,
  type GigIntentionListQuery,
  type GigIntentionStatus,
  type GigIntentionView,
  type GigJobCreateBody,
  type GigJobListQuery,
  type GigJobStatus,
  type GigJobUpdateBody,
  type GigJobView,
  type GigKind,
  type GigMatchList,
  type GigMatchQuery,
  type GigPayUnit,
  type GigPreferenceBody,
  type GigPreferenceView,
  type GigPushExportQuery,
  type GigPushScope,
  type GigPushListQuery,
  type GigIntentionExportQuery,
  GIG_EXPORT_MAX,
  type GigPushView,
  type GigRejectBody,
  type GigSkill,
  type GigVersionBody,
  type Locale,
  type Page,
  type GigCloseReason,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { NotificationsService } from '../notifications/notifications.service';
import {
  byScore,
  reasonTexts,
  scoreMatch,
  summaryOf,
  type MatchJob,
  type MatchPrefs,
  type MatchReason,
} from './gigs.match';
import {
  gigIntentionPolicy,
  gigJobApproveScope,
  gigJobPolicy,
  gigJobReadScope,
  gigJobWriteScope,
  ownEmployers,
  postsAsStaff,
  type GigJobFacts,
  type GigJobScope,
} from './gigs.policy';
import {
  parseList,
  type GigCandidate,
  type GigIntentionRow,
  type GigJobRow,
  type GigPreferenceRow,
  type GigPushRow,
  type GigWorker,
} from './gigs.repository';

/** The repositories this service declares (services.ts gives it `store.view(…)` of exactly these). */
export type GigsStore = Store<'audit' | 'gigs' | 'notifications'>;
type GigsRepos = GigsStore['repos'];

/** Where a job that became open is announced: the push job on the durable queue (gigs.push.ts). */
export interface GigPublisher {
  published(jobId: string): Promise<void>;
}

/** The widest box a worker's maximum distance may ask for (GigPreferenceBody: 100 km). */
export const MAX_MATCH_KM = 100;
/** At most this many candidate rows are scored per match. */
export const MAX_CANDIDATES = 50_000;

const AUDITED = [
  'hostOrgId',
  'title',
  'kind',
  'payFen',
  'payUnit',
  'regionCode',
  'address',
  'lat',
  'lng',
  'startOn',
  'endOn',
  'weekdays',
  'dayStart',
  'dayEnd',
  'skills',
  'headcount',
  'closingOn',
  'contactName',
  'description',
  'fairId',
] as const;

/** A job as the matcher sees it. */
export function matchJobOf(
  r: Pick<
    GigJobRow,
    'kind' | 'payFen' | 'payUnit' | 'lat' | 'lng' | 'regionName' | 'weekdays' | 'dayStart' | 'dayEnd' | 'skills'
  >,
): MatchJob {
  return {
    kind: r.kind as GigKind,
    payFen: r.payFen,
    payUnit: r.payUnit as GigPayUnit,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    regionName: r.regionName,
    weekdays: r.weekdays,
    dayStart: r.dayStart,
    dayEnd: r.dayEnd,
    skills: parseList<GigSkill>(r.skills),
  };
}

/**
 * Scores a candidate for a job. The candidate query says whether the worker names the job's kind
 * (`kindHit`; else they take any kind) and whether the job lies in their region.
 */
export function scoreCandidate(job: MatchJob, c: GigCandidate) {
  return scoreMatch(job, {
    kinds: c.kindHit ? [job.kind] : [],
    lat: c.lat === null ? null : Number(c.lat),
    lng: c.lng === null ? null : Number(c.lng),
    inRegion: Number(c.inRegion) === 1,
    maxDistanceKm: c.maxDistanceKm,
    weekdays: c.weekdays,
    hourFrom: c.hourFrom,
    hourTo: c.hourTo,
    minPayFen: c.minPayFen,
    minPayUnit: c.minPayUnit as GigPayUnit | null,
    skills: parseList<GigSkill>(c.skills),
  });
}

/**
 * 零工快招 gig hiring (issue 13): jobs (posted by an employer for itself or by staff for it; a new
 * employer's first job waits for staff approval: GIG_JOB_TRANSITIONS), workers' preferences, matching
 * with an explained score (gigs.match.ts) both ways, intentions (one tap; the employer sees applicants
 * with their reasons, contacts masked until the worker shares them; a hire is one guarded increment
 * and the last one closes the job), and the push records' list. Pushes themselves run on the durable
 * queue (gigs.push.ts); fairs are gigs.fairs.ts.
 */
export class GigsService {
  constructor(
    private readonly store: GigsStore,
    private readonly cipher: FieldCipher,
    private readonly publisher: GigPublisher,
  ) {}

  // ——— jobs ———

  private async jobFacts(repos: GigsRepos, ctx: RequestContext, rows: GigJobRow[]) {
    const ids = rows.map((r) => r.id);
    const [writable, approvable] = await Promise.all([
      repos.gigs.jobIdsInScope(gigJobWriteScope(ctx.actor), ids),
      repos.gigs.jobIdsInScope(gigJobApproveScope(ctx.actor), ids),
    ]);
    const today = shanghaiDate();
    return (r: GigJobRow): GigJobFacts => ({
      status: r.status as GigJobStatus,
      writable: writable.has(r.id),
      approvable: approvable.has(r.id),
      closingPast: String(r.closingOn) < today,
      filled: r.hiredCount >= r.headcount,
    });
  }

  private async jobViews(repos: GigsRepos, ctx: RequestContext, rows: GigJobRow[]): Promise<GigJobView[]> {
    const [facts, counts] = await Promise.all([
      this.jobFacts(repos, ctx, rows),
      repos.gigs.jobCounts(rows.map((r) => r.id)),
    ]);
    return rows.map((r) => {
      const f = facts(r);
      const c = counts.get(r.id);
      return {
        id: r.id,
        hostOrgId: r.hostOrgId,
        hostOrgName: r.hostOrgName,
        title: r.title,
        kind: r.kind as GigKind,
        payFen: r.payFen,
        payUnit: r.payUnit as GigPayUnit,
        regionCode: r.regionCode,
        regionName: r.regionName,
        address: r.address,
        lat: r.lat === null ? null : Number(r.lat),
        lng: r.lng === null ? null : Number(r.lng),
        startOn: String(r.startOn),
        endOn: r.endOn === null ? null : String(r.endOn),
        weekdays: weekdaysOf(r.weekdays),
        dayStart: r.dayStart,
        dayEnd: r.dayEnd,
        skills: parseList<GigSkill>(r.skills),
        headcount: r.headcount,
        hiredCount: r.hiredCount,
        closingOn: String(r.closingOn),
        contactName: r.contactName,
        // Workers call the contact of an open job; the masked form is for everyone else.
        contactPhone:
          f.writable || (r.status === 'open' && !f.closingPast)
            ? this.cipher.decrypt(r.contactPhoneEnc)
            : r.contactPhoneMasked,
        description: r.description,
        fairId: r.fairId,
        fairTitle: r.fairTitle,
        pushScope: r.pushScope as GigPushScope,
        status: r.status as GigJobStatus,
        closeReason: r.closeReason as GigCloseReason | null,
        rejectReason: r.rejectReason,
        approvedAt: r.approvedAt,
        publishedAt: r.publishedAt,
        intentionCount: c?.intentions ?? 0,
        pushCount: c?.pushes ?? 0,
        version: r.version,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        abilities: gigJobPolicy.abilities(ctx.actor, f),
      };
    });
  }

  async listJobs(ctx: RequestContext, q: GigJobListQuery): Promise<Page<GigJobView>> {
    const repos = this.store.repos;
    const scope = gigJobReadScope(ctx.actor);
    const page = await repos.gigs.listJobs(scope, q, q);
    return {
      items: await this.jobViews(repos, ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await repos.gigs.countJobs(scope, q) } : {}),
    };
  }

  async getJob(ctx: RequestContext, id: string): Promise<GigJobView> {
    const repos = this.store.repos;
    const row = await repos.gigs.getJob(gigJobReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.jobViews(repos, ctx, [row]))[0]!;
  }

  private async loadJob(repos: GigsRepos, ctx: RequestContext, id: string) {
    const row = await repos.gigs.getJob(gigJobReadScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return { row, facts: (await this.jobFacts(repos, ctx, [row]))(row) };
  }

  /**
   * The employer a job is posted for, and whether the poster acts as staff: an employer posts for its
   * own organisation (another answers 404); staff name one (its reference resolved already) and the
   * job's region must lie in their region scope.
   */
  private async poster(repos: GigsRepos, ctx: RequestContext, hostOrgId: string | null, regionCode: string) {
    const own = ownEmployers(ctx.actor);
    const staff = postsAsStaff(ctx.actor);
    const id = hostOrgId ?? (own.length === 1 ? own[0]! : null);
    if (!id) throw new AppError('GIG_EMPLOYER_REQUIRED', { hostOrgId: 'required' });
    const scope = gigJobWriteScope(ctx.actor);
    const asEmployer = own.includes(id);
    if (!asEmployer && !staff) throw new AppError('NOT_FOUND', { hostOrgId: 'not_found' });
    const regions = scope.all || asEmployer ? 'all' : scope.regionOrgIds;
    if (!(await repos.gigs.regionUnder(regions, regionCode)))
      throw new AppError('NOT_FOUND', { regionCode: 'not_found' });
    const org = await repos.gigs.hostOrg(id);
    if (!org) throw new AppError('NOT_FOUND', { hostOrgId: 'not_found' });
    return { hostOrg: org, asStaff: staff && !asEmployer };
  }

  private jobColumns(body: GigJobCreateBody) {
    return {
      title: body.title,
      kind: body.kind,
      payFen: body.payFen,
      payUnit: body.payUnit,
      regionCode: body.regionCode,
      address: body.address,
      lat: body.lat,
      lng: body.lng,
      startOn: body.startOn,
      endOn: body.endOn,
      weekdays: weekdayMask(body.weekdays),
      dayStart: body.dayStart,
      dayEnd: body.dayEnd,
      skills: JSON.stringify(body.skills),
      headcount: body.headcount,
      closingOn: body.closingOn,
      contactName: body.contactName,
      contactPhoneEnc: this.cipher.encrypt(body.contactPhone),
      contactPhoneMasked: maskMobile(body.contactPhone),
      description: body.description,
      fairId: body.fairId,
      pushScope: body.pushScope,
    };
  }

  /**
   * Posts a job. Staff (posting for an employer) publish at once; an employer publishes at once when
   * a job of theirs was approved before, else the job waits for staff (`pending`) and the staff over
   * its region are told.
   */
  async createJob(ctx: RequestContext, body: GigJobCreateBody): Promise<GigJobView> {
    if (body.closingOn < shanghaiDate()) throw new AppError('GIG_CLOSING_PAST', { closingOn: 'invalid' });
    const id = newId();
    const status = await this.store.tx(async (repos) => {
      const { hostOrg, asStaff } = await this.poster(repos, ctx, body.hostOrgId, body.regionCode);
      if (body.pushScope === 'all' && !asStaff) throw new AppError('FORBIDDEN', { pushScope: 'staff_only' });
      const known = asStaff || (await repos.gigs.employerKnown(hostOrg.id));
      const at = nowIso();
      const status: GigJobStatus = known ? 'open' : 'pending';
      await repos.gigs.insertJob({
        id,
        hostOrgId: hostOrg.id,
        ...this.jobColumns(body),
        status,
        approvedBy: asStaff ? ctx.actor.userId : null,
        approvedAt: asStaff ? at : null,
        publishedAt: known ? at : null,
        createdBy: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'gig_job',
        entityId: id,
        entityLabel: body.title,
        changes: [
          ...diffFields(null, { ...body, hostOrgId: hostOrg.id, skills: body.skills.join(',') }, AUDITED),
          { field: 'status', before: null, after: status },
        ],
      });
      if (status === 'pending')
        await NotificationsService.send(repos, await repos.gigs.staffOverRegion(body.regionCode), {
          kind: 'gig_job_pending',
          title: `新用工单位首次发布岗位，待审核：${body.title}`,
          body: hostOrg.name,
          link: `/gigs/jobs/${id}`,
          dedupeKey: `gig-job-pending:${id}`,
        });
      return status;
    });
    if (status === 'open') await this.publisher.published(id);
    return this.getJob(ctx, id);
  }

  /** Edits a job (not a closed one). Editing a rejected job resubmits it for approval. */
  async updateJob(ctx: RequestContext, id: string, body: GigJobUpdateBody): Promise<GigJobView> {
    await this.store.tx(async (repos) => {
      const { row, facts } = await this.loadJob(repos, ctx, id);
      gigJobPolicy.authorize(ctx.actor, 'update', facts);
      if (body.closingOn < shanghaiDate() && body.closingOn !== String(row.closingOn))
        throw new AppError('GIG_CLOSING_PAST', { closingOn: 'invalid' });
      if (body.headcount < row.hiredCount) throw new AppError('VALIDATION_FAILED', { headcount: 'too_small' });
      const { hostOrg, asStaff } = await this.poster(repos, ctx, body.hostOrgId ?? row.hostOrgId, body.regionCode);
      if (body.pushScope === 'all' && row.pushScope !== 'all' && !asStaff)
        throw new AppError('FORBIDDEN', { pushScope: 'staff_only' });
      const next = row.status === 'rejected' ? gigJobTransition('rejected', 'resubmit')! : (row.status as GigJobStatus);
      await repos.gigs.updateJob(
        id,
        body.version,
        {
          hostOrgId: hostOrg.id,
          ...this.jobColumns(body),
          status: next,
          ...(next !== row.status ? { rejectReason: null } : {}),
        },
        [row.status],
      );
      const before = { ...row, skills: parseList<string>(row.skills).join(','), weekdays: weekdaysOf(row.weekdays) };
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'gig_job',
        entityId: id,
        entityLabel: body.title,
        changes: [
          ...diffFields(before, { ...body, hostOrgId: hostOrg.id, skills: body.skills.join(',') }, AUDITED),
          ...(next !== row.status ? [{ field: 'status', before: row.status, after: next }] : []),
        ],
      });
    });
    return this.getJob(ctx, id);
  }

  private async transition(
    ctx: RequestContext,
    id: string,
    action: 'approve' | 'reject' | 'close' | 'reopen',
    version: number,
    extra: (row: GigJobRow) => Partial<Parameters<GigsRepos['gigs']['updateJob']>[2]>,
    after?: (repos: GigsRepos, row: GigJobRow) => Promise<unknown>,
  ): Promise<GigJobStatus> {
    const status = await this.store.tx(async (repos) => {
      const { row, facts } = await this.loadJob(repos, ctx, id);
      gigJobPolicy.authorize(ctx.actor, action, facts);
      const next = gigJobTransition(row.status as GigJobStatus, action)!;
      await repos.gigs.updateJob(id, version, { status: next, ...extra(row) }, [row.status]);
      await repos.audit.record(auditCtx(ctx), {
        action,
        entityType: 'gig_job',
        entityId: id,
        entityLabel: row.title,
        changes: [{ field: 'status', before: row.status, after: next }],
      });
      if (after) await after(repos, row);
      return next;
    });
    return status;
  }

  private notifyEmployer(repos: GigsRepos, row: GigJobRow, approved: boolean, reason?: string) {
    return repos.gigs.employerUsers(row.hostOrgId).then((users) =>
      NotificationsService.send(repos, users, {
        kind: 'gig_job_reviewed',
        title: approved ? `岗位已通过审核并发布：${row.title}` : `岗位未通过审核：${row.title}`,
        body: approved ? '系统将向匹配的求职者推送该岗位' : (reason ?? ''),
        link: `/gigs/jobs/${row.id}`,
      }),
    );
  }

  async approveJob(ctx: RequestContext, id: string, body: GigVersionBody): Promise<GigJobView> {
    const at = nowIso();
    await this.transition(
      ctx,
      id,
      'approve',
      body.version,
      () => ({ approvedBy: ctx.actor.userId, approvedAt: at, publishedAt: at }),
      (repos, row) => this.notifyEmployer(repos, row, true),
    );
    await this.publisher.published(id);
    return this.getJob(ctx, id);
  }

  async rejectJob(ctx: RequestContext, id: string, body: GigRejectBody): Promise<GigJobView> {
    await this.transition(
      ctx,
      id,
      'reject',
      body.version,
      () => ({ rejectReason: body.reason }),
      (repos, row) => this.notifyEmployer(repos, row, false, body.reason),
    );
    return this.getJob(ctx, id);
  }

  async closeJob(ctx: RequestContext, id: string, body: GigVersionBody): Promise<GigJobView> {
    await this.transition(ctx, id, 'close', body.version, () => ({ closeReason: 'withdrawn' }));
    return this.getJob(ctx, id);
  }

  async reopenJob(ctx: RequestContext, id: string, body: GigVersionBody): Promise<GigJobView> {
    await this.transition(ctx, id, 'reopen', body.version, (row) => ({
      closeReason: null,
      publishedAt: row.publishedAt ?? nowIso(),
    }));
    await this.publisher.published(id);
    return this.getJob(ctx, id);
  }

  /** The jobs among `ids` the caller reads. */
  visibleJobIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.gigs.jobIdsInScope(gigJobReadScope(ctx.actor), ids);
  }

  // ——— matching ———

  /** Workers matching a job, best first, with their reasons (names masked for the employer). */
  async matches(ctx: RequestContext, id: string, q: GigMatchQuery): Promise<GigMatchList> {
    const repos = this.store.repos;
    const { row, facts } = await this.loadJob(repos, ctx, id);
    gigJobPolicy.authorize(ctx.actor, 'matches', facts);
    const ranked = await rankWorkers(repos, row);
    const top = ranked.slice(0, q.limit);
    const pushed = await repos.gigs.pushedAt(
      id,
      top.map((c) => c.id),
    );
    const staff = postsAsStaff(ctx.actor);
    return {
      candidates: ranked.length,
      items: top.map((c) => ({
        workerId: c.id,
        workerName: staff ? c.candidate.name : maskName(c.candidate.name),
        regionName: c.candidate.regionName,
        pushedAt: pushed.get(c.id) ?? null,
        ...matchFields(c.match.reasons, c.match.score, c.match.distanceM, ctx.locale),
      })),
    };
  }

  /** The caller's worker registration, or 409 GIG_NO_REGISTRATION. */
  private async ownWorker(repos: GigsRepos, ctx: RequestContext): Promise<GigWorker> {
    const w = await repos.gigs.workerOfUser(ctx.actor.userId);
    if (!w) throw new AppError('GIG_NO_REGISTRATION');
    return w;
  }

  /**
   * Open jobs for the calling worker, best first: by their preferences (or, before they set any, by
   * their registration's region); the position the phone gives wins over the preferred place.
   */
  async forMe(ctx: RequestContext, q: GigForMeQuery): Promise<GigForMeList> {
    const repos = this.store.repos;
    const worker = await this.ownWorker(repos, ctx);
    const pref = await repos.gigs.preferenceOf(worker.id);
    const prefs = prefsOf(pref);
    if (q.lat !== undefined && q.lng !== undefined) {
      prefs.lat = q.lat;
      prefs.lng = q.lng;
    }
    const here = prefs.lat !== null && prefs.lng !== null ? { lat: prefs.lat, lng: prefs.lng } : null;
    const rows = await repos.gigs.candidateJobs(
      { kinds: prefs.kinds, regionCode: pref?.regionCode ?? worker.regionCode },
      here ? boundingBox(here, prefs.maxDistanceKm * 1000) : null,
      shanghaiDate(),
      2000,
    );
    const scored = rows
      .map((r) => ({ id: r.id, row: r, match: scoreMatch(matchJobOf(r), { ...prefs, inRegion: r.inRegion === 1 }) }))
      .filter((x): x is typeof x & { match: NonNullable<typeof x.match> } => x.match !== null)
      .sort(byScore)
      .slice(0, q.limit);
    const views = await this.jobViews(
      repos,
      ctx,
      scored.map((s) => s.row),
    );
    const mine = await repos.gigs.intentionsOfWorker(
      worker.id,
      scored.map((s) => s.id),
    );
    return {
      hasPreferences: !!pref,
      items: scored.map((s, i) => ({
        job: views[i]!,
        intentionId: mine.get(s.id)?.id ?? null,
        intentionStatus: (mine.get(s.id)?.status as GigIntentionStatus | undefined) ?? null,
        ...matchFields(s.match.reasons, s.match.score, s.match.distanceM, ctx.locale),
      })),
    };
  }

  // ——— preferences ———

  private preferenceView(worker: GigWorker, pref: GigPreferenceRow | undefined): GigPreferenceView {
    return {
      workerId: worker.id,
      workerName: worker.name,
      workerStatus: worker.status,
      kinds: (pref?.kinds ?? []) as GigKind[],
      mutedKinds: pref ? parseList<GigKind>(pref.mutedKinds) : [],
      lat: pref?.lat == null ? null : Number(pref.lat),
      lng: pref?.lng == null ? null : Number(pref.lng),
      regionCode: pref?.regionCode ?? null,
      regionName: pref?.regionName ?? null,
      maxDistanceKm: pref?.maxDistanceKm ?? 10,
      weekdays: pref ? weekdaysOf(pref.weekdays) : [],
      hourFrom: pref?.hourFrom ?? null,
      hourTo: pref?.hourTo ?? null,
      minPayFen: pref?.minPayFen ?? null,
      minPayUnit: (pref?.minPayUnit as GigPayUnit | null | undefined) ?? null,
      skills: pref ? parseList<GigSkill>(pref.skills) : [],
      smsOptIn: pref ? pref.smsOptIn === 1 : true,
      version: pref?.version ?? 0,
    };
  }

  async myPreferences(ctx: RequestContext): Promise<GigPreferenceView> {
    const repos = this.store.repos;
    const worker = await this.ownWorker(repos, ctx);
    return this.preferenceView(worker, await repos.gigs.preferenceOf(worker.id));
  }

  async saveMyPreferences(ctx: RequestContext, body: GigPreferenceBody): Promise<GigPreferenceView> {
    await this.store.tx(async (repos) => this.savePreferences(repos, ctx, await this.ownWorker(repos, ctx), body));
    return this.myPreferences(ctx);
  }

  /**
   * Staff record a worker's preferences (at a 零工驿站 desk or a fair, for a worker without the app):
   * a worker in their region scope.
   */
  async savePreferencesFor(ctx: RequestContext, workerId: string, body: GigPreferenceBody): Promise<GigPreferenceView> {
    const worker = await this.store.tx(async (repos) => {
      const scope = gigJobApproveScope(ctx.actor);
      const w = await repos.gigs.workerInRegions(scope.all ? 'all' : scope.regionOrgIds, workerId);
      if (!w) throw new AppError('NOT_FOUND');
      await this.savePreferences(repos, ctx, w, body);
      return w;
    });
    return this.preferenceView(worker, await this.store.repos.gigs.preferenceOf(worker.id));
  }

  private async savePreferences(repos: GigsRepos, ctx: RequestContext, worker: GigWorker, body: GigPreferenceBody) {
    {
      if (body.regionCode && !(await repos.gigs.regionUnder('all', body.regionCode)))
        throw new AppError('NOT_FOUND', { regionCode: 'not_found' });
      const before = await repos.gigs.preferenceOf(worker.id);
      await repos.gigs.savePreference(
        worker.id,
        {
          lat: body.lat,
          lng: body.lng,
          regionCode: body.regionCode,
          maxDistanceKm: body.maxDistanceKm,
          weekdays: weekdayMask(body.weekdays),
          hourFrom: body.hourFrom,
          hourTo: body.hourTo,
          minPayFen: body.minPayFen,
          minPayUnit: body.minPayUnit,
          skills: JSON.stringify(body.skills),
          mutedKinds: JSON.stringify(body.mutedKinds),
          smsOptIn: body.smsOptIn ? 1 : 0,
        },
        body.kinds,
        body.version,
      );
      const fields = [
        'kinds',
        'mutedKinds',
        'regionCode',
        'maxDistanceKm',
        'weekdays',
        'hourFrom',
        'hourTo',
        'minPayFen',
        'minPayUnit',
        'skills',
        'smsOptIn',
      ];
      await repos.audit.record(auditCtx(ctx), {
        action: before ? 'update' : 'create',
        entityType: 'gig_preference',
        entityId: worker.id,
        entityLabel: worker.name,
        changes: diffFields(before ? this.preferenceView(worker, before) : null, body, fields),
      });
    }
  }

  // ——— intentions ———

  /** Staff, employers: intentions on the jobs they manage; a worker: their own. */
  private intentionScope(ctx: RequestContext): GigJobScope {
    return { ...gigJobWriteScope(ctx.actor), workerUserId: gigJobReadScope(ctx.actor).workerUserId };
  }

  private async intentionViews(
    repos: GigsRepos,
    ctx: RequestContext,
    rows: GigIntentionRow[],
  ): Promise<GigIntentionView[]> {
    const manageable = await repos.gigs.jobIdsInScope(
      gigJobWriteScope(ctx.actor),
      rows.map((r) => r.jobId),
    );
    const staff = postsAsStaff(ctx.actor);
    return rows.map((r) => {
      const own = r.workerUserId === ctx.actor.userId;
      const facts = { status: r.status as GigIntentionStatus, manageable: manageable.has(r.jobId), own };
      const shared = r.contactShared === 1;
      const mobile = this.cipher.decrypt(r.workerMobileEnc);
      const reasons = JSON.parse(r.reasons) as MatchReason[];
      return {
        id: r.id,
        jobId: r.jobId,
        jobTitle: r.jobTitle,
        hostOrgName: r.hostOrgName,
        workerId: r.workerId,
        workerName: staff || own || shared ? r.workerName : maskName(r.workerName),
        mobile: own || (shared && facts.manageable) ? mobile : maskMobile(mobile),
        contactShared: shared,
        fairId: r.fairId,
        status: facts.status,
        decidedAt: r.decidedAt,
        note: r.note,
        createdAt: r.createdAt,
        version: r.version,
        abilities: gigIntentionPolicy.abilities(ctx.actor, facts),
        ...matchFields(reasons, r.score, r.distanceM, ctx.locale),
      };
    });
  }

  async listIntentions(ctx: RequestContext, q: GigIntentionListQuery): Promise<Page<GigIntentionView>> {
    const repos = this.store.repos;
    const scope = this.intentionScope(ctx);
    const page = await repos.gigs.listIntentions(scope, q, q);
    return {
      items: await this.intentionViews(repos, ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await repos.gigs.countIntentions(scope, q) } : {}),
    };
  }

  private async intention(repos: GigsRepos, ctx: RequestContext, id: string): Promise<GigIntentionView> {
    const row = await repos.gigs.getIntention(this.intentionScope(ctx), id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.intentionViews(repos, ctx, [row]))[0]!;
  }

  /**
   * One tap: the worker registers an intention on an open job (staff may register a worker's at a
   * fair's desk). The score and reasons are kept as they were then; a second tap answers the first
   * intention (a withdrawn one is registered again). The employer's accounts are told.
   */
  async apply(ctx: RequestContext, jobId: string, body: GigIntentionBody): Promise<GigIntentionView> {
    const id = await this.store.tx(async (repos) => {
      const { row: job, facts } = await this.loadJob(repos, ctx, jobId);
      gigJobPolicy.authorize(ctx.actor, 'apply', facts);
      let worker: GigWorker | undefined;
      if (body.workerId) {
        if (!ctx.actor.permissions.has('gig.manage')) throw new AppError('FORBIDDEN');
        const scope = gigJobApproveScope(ctx.actor);
        worker = await repos.gigs.workerInRegions(scope.all ? 'all' : scope.regionOrgIds, body.workerId);
        if (!worker) throw new AppError('NOT_FOUND', { workerId: 'not_found' });
      } else worker = await this.ownWorker(repos, ctx);
      if (worker.status !== 'verified') throw new AppError('GIG_WORKER_NOT_VERIFIED');
      if (body.fairId && job.fairId !== body.fairId) throw new AppError('GIG_NOT_FAIR_POSITION', { fairId: 'invalid' });
      const existing = await repos.gigs.intentionOf(jobId, worker.id);
      if (existing && existing.status !== 'withdrawn') return existing.id;
      const pref = await repos.gigs.preferenceOf(worker.id);
      const regionPrefs = prefsOf(pref);
      const inRegion = await repos.gigs.regionWithin(job.regionCode, pref?.regionCode ?? worker.regionCode);
      const match = scoreMatch(matchJobOf(job), { ...regionPrefs, inRegion });
      if (existing) {
        const current = await repos.gigs.getIntention(
          { all: true, regionOrgIds: [], hostOrgIds: [], workerUserId: null },
          existing.id,
        );
        await repos.gigs.updateIntention(
          existing.id,
          current!.version,
          { status: 'applied', contactShared: body.shareContact ? 1 : 0, decidedAt: null, decidedBy: null },
          ['withdrawn'],
        );
      } else {
        await repos.gigs.insertIntention({
          id: newId(),
          jobId,
          workerId: worker.id,
          fairId: body.fairId,
          status: 'applied',
          contactShared: body.shareContact ? 1 : 0,
          score: match?.score ?? 0,
          reasons: JSON.stringify(match?.reasons ?? []),
          distanceM: match?.distanceM ?? null,
          note: null,
          localDate: shanghaiDate(),
          decidedAt: null,
          decidedBy: null,
          createdBy: ctx.actor.userId,
        });
      }
      const made = (await repos.gigs.intentionOf(jobId, worker.id))!;
      await repos.audit.record(auditCtx(ctx), {
        action: 'apply',
        entityType: 'gig_job',
        entityId: jobId,
        entityLabel: job.title,
        changes: [{ field: 'intention', before: null, after: worker.name }],
      });
      await NotificationsService.send(repos, await repos.gigs.employerUsers(job.hostOrgId), {
        kind: 'gig_intention',
        title: `收到求职意向：${job.title}`,
        body: `${maskName(worker.name)} · 匹配度 ${match?.score ?? 0}${match ? ` · ${summaryOf(match.reasons, 'zh-CN')}` : ''}`,
        link: `/gigs/jobs/${jobId}?tab=applicants`,
        dedupeKey: `gig-intention:${made.id}`,
      });
      return made.id;
    });
    return this.intention(this.store.repos, ctx, id);
  }

  /**
   * A fair's desk (or a 零工驿站) registers the intentions of several workers on one job at once, from
   * the day's sign-up sheet: staff only, each worker in their region scope and verified (else 404 /
   * 403 and nothing is registered); workers who already hold an intention on the job are skipped. One
   * transaction, one audit entry naming them, one notice to the employer.
   */
  async applyMany(ctx: RequestContext, jobId: string, body: GigIntentionBatchBody): Promise<GigIntentionBatchResult> {
    return this.store.tx(async (repos) => {
      const { row: job, facts } = await this.loadJob(repos, ctx, jobId);
      gigJobPolicy.authorize(ctx.actor, 'apply', facts);
      if (!ctx.actor.permissions.has('gig.manage')) throw new AppError('FORBIDDEN');
      if (body.fairId && job.fairId !== body.fairId) throw new AppError('GIG_NOT_FAIR_POSITION', { fairId: 'invalid' });
      const scope = gigJobApproveScope(ctx.actor);
      const ids = body.workers.map((w) => w.workerId);
      const workers = await repos.gigs.workersInRegions(scope.all ? 'all' : scope.regionOrgIds, ids);
      if (workers.size !== new Set(ids).size) throw new AppError('NOT_FOUND', { workers: 'not_found' });
      if ([...workers.values()].some((w) => w.status !== 'verified')) throw new AppError('GIG_WORKER_NOT_VERIFIED');
      const prefs = await repos.gigs.preferencesOf(ids);
      const regions = new Map<string, boolean>();
      const mj = matchJobOf(job);
      const today = shanghaiDate();
      const rows = [];
      for (const entry of body.workers) {
        const worker = workers.get(entry.workerId)!;
        const pref = prefs.get(worker.id);
        const region = pref?.regionCode ?? worker.regionCode;
        if (!regions.has(region)) regions.set(region, await repos.gigs.regionWithin(job.regionCode, region));
        const match = scoreMatch(mj, { ...prefsOf(pref), inRegion: regions.get(region)! });
        rows.push({
          id: newId(),
          jobId,
          workerId: worker.id,
          fairId: body.fairId,
          status: 'applied',
          contactShared: entry.shareContact ? 1 : 0,
          score: match?.score ?? 0,
          reasons: JSON.stringify(match?.reasons ?? []),
          distanceM: match?.distanceM ?? null,
          note: null,
          localDate: today,
          decidedAt: null,
          decidedBy: null,
          createdBy: ctx.actor.userId,
        });
      }
      const made = await repos.gigs.insertIntentions(rows);
      if (made.length) {
        await repos.audit.record(auditCtx(ctx), {
          action: 'apply',
          entityType: 'gig_job',
          entityId: jobId,
          entityLabel: job.title,
          changes: [
            { field: 'intention', before: null, after: made.map((r) => workers.get(r.workerId)!.name).join('、') },
          ],
        });
        await NotificationsService.send(repos, await repos.gigs.employerUsers(job.hostOrgId), {
          kind: 'gig_intention',
          title: `收到求职意向 ${made.length} 个：${job.title}`,
          body: body.fairId ? '招聘会现场登记' : '零工驿站代为登记',
          link: `/gigs/jobs/${jobId}?tab=applicants`,
        });
      }
      return { created: made.length, skipped: rows.length - made.length, ids: made.map((r) => r.id) };
    });
  }

  private async loadIntention(repos: GigsRepos, ctx: RequestContext, id: string) {
    const row = await repos.gigs.getIntention(this.intentionScope(ctx), id);
    if (!row) throw new AppError('NOT_FOUND');
    const manageable = (await repos.gigs.jobIdsInScope(gigJobWriteScope(ctx.actor), [row.jobId])).has(row.jobId);
    return {
      row,
      facts: { status: row.status as GigIntentionStatus, manageable, own: row.workerUserId === ctx.actor.userId },
    };
  }

  /** The worker agrees that the employer sees their mobile. */
  async shareContact(ctx: RequestContext, id: string): Promise<GigIntentionView> {
    await this.store.tx(async (repos) => {
      const { row, facts } = await this.loadIntention(repos, ctx, id);
      gigIntentionPolicy.authorize(ctx.actor, 'share', facts);
      if (row.contactShared === 1) return;
      await repos.gigs.updateIntention(id, row.version, { contactShared: 1 }, [row.status]);
      await repos.audit.record(auditCtx(ctx), {
        action: 'share_contact',
        entityType: 'gig_intention',
        entityId: id,
        entityLabel: row.jobTitle,
        changes: [{ field: 'contactShared', before: false, after: true }],
      });
    });
    return this.intention(this.store.repos, ctx, id);
  }

  async withdraw(ctx: RequestContext, id: string): Promise<GigIntentionView> {
    await this.store.tx(async (repos) => {
      const { row, facts } = await this.loadIntention(repos, ctx, id);
      gigIntentionPolicy.authorize(ctx.actor, 'withdraw', facts);
      await repos.gigs.updateIntention(id, row.version, { status: 'withdrawn' }, ['applied']);
      await repos.audit.record(auditCtx(ctx), {
        action: 'withdraw',
        entityType: 'gig_intention',
        entityId: id,
        entityLabel: row.jobTitle,
        changes: [{ field: 'status', before: row.status, after: 'withdrawn' }],
      });
    });
    return this.intention(this.store.repos, ctx, id);
  }

  /**
   * Hired or not hired. A hire raises the job's count in one guarded statement (open and not full,
   * else 409 GIG_JOB_FILLED and nothing changes); the hire that fills the headcount closes the job.
   */
  async decide(ctx: RequestContext, id: string, body: GigDecideBody): Promise<GigIntentionView> {
    await this.store.tx(async (repos) => {
      const { row, facts } = await this.loadIntention(repos, ctx, id);
      gigIntentionPolicy.authorize(ctx.actor, 'decide', facts);
      const at = nowIso();
      await repos.gigs.updateIntention(
        id,
        body.version,
        { status: body.outcome, decidedAt: at, decidedBy: ctx.actor.userId, note: body.note },
        ['applied'],
      );
      const changes = [{ field: 'status', before: row.status, after: body.outcome }];
      if (body.outcome === 'hired') {
        const count = await repos.gigs.hireOne(row.jobId);
        if (!count) throw new AppError('GIG_JOB_FILLED');
        if (count.hiredCount >= count.headcount && (await repos.gigs.closeBySystem(row.jobId, 'filled')))
          await repos.audit.record(auditCtx(ctx), {
            action: 'fill',
            entityType: 'gig_job',
            entityId: row.jobId,
            entityLabel: row.jobTitle,
            changes: [{ field: 'status', before: 'open', after: 'closed' }],
          });
      }
      await repos.audit.record(auditCtx(ctx), {
        action: 'decide',
        entityType: 'gig_intention',
        entityId: id,
        entityLabel: row.jobTitle,
        changes,
      });
      if (row.workerUserId)
        await NotificationsService.send(repos, [row.workerUserId], {
          kind: 'gig_decided',
          title: body.outcome === 'hired' ? `恭喜，您已被录用：${row.jobTitle}` : `未被录用：${row.jobTitle}`,
          body: `${row.hostOrgName}${body.note ? ` · ${body.note}` : ''}`,
          link: `/gigs/mine`,
          dedupeKey: `gig-decided:${id}`,
        });
    });
    return this.intention(this.store.repos, ctx, id);
  }

  /** The intention list's rows as filtered, newest first (GIG_EXPORT_MAX at most): the Excel export. */
  async exportIntentions(ctx: RequestContext, q: GigIntentionExportQuery): Promise<GigIntentionView[]> {
    const repos = this.store.repos;
    return this.intentionViews(
      repos,
      ctx,
      await repos.gigs.exportIntentions(this.intentionScope(ctx), q, GIG_EXPORT_MAX),
    );
  }

  // ——— push records ———

  /** The push list's rows as filtered, newest first (GIG_EXPORT_MAX at most): the Excel export. */
  async exportPushes(ctx: RequestContext, q: GigPushExportQuery): Promise<GigPushView[]> {
    const rows = await this.store.repos.gigs.exportPushes(gigJobApproveScope(ctx.actor), q, GIG_EXPORT_MAX);
    return rows.map(pushView);
  }

  async listPushes(ctx: RequestContext, q: GigPushListQuery): Promise<Page<GigPushView>> {
    const repos = this.store.repos;
    const scope = gigJobApproveScope(ctx.actor);
    const page = await repos.gigs.listPushes(scope, q, q);
    return {
      items: page.items.map(pushView),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await repos.gigs.countPushes(scope, q) } : {}),
    };
  }
}

function pushView(p: GigPushRow): GigPushView {
  return {
    id: p.id,
    jobId: p.jobId,
    jobTitle: p.jobTitle,
    workerId: p.workerId,
    workerName: p.workerName,
    score: p.score,
    summary: p.summary,
    inApp: p.inApp === 1,
    sms: p.sms === 1,
    trigger: p.trigger as 'publish' | 'daily',
    createdAt: p.createdAt,
  };
}

/** The match fields of a view: score, reasons in the request's language, their summary, distance. */
export function matchFields(reasons: readonly MatchReason[], score: number, distanceM: number | null, lang: Locale) {
  return { score, reasons: reasonTexts(reasons, lang), summary: summaryOf(reasons, lang), distanceM };
}

/** A worker's preferences as the matcher sees them; before any are set: any kind, time and pay, in their region. */
function prefsOf(pref: GigPreferenceRow | undefined): MatchPrefs {
  if (!pref)
    return {
      kinds: [],
      lat: null,
      lng: null,
      inRegion: true,
      maxDistanceKm: 10,
      weekdays: 0,
      hourFrom: null,
      hourTo: null,
      minPayFen: null,
      minPayUnit: null,
      skills: [],
    };
  return {
    kinds: pref.kinds as GigKind[],
    lat: pref.lat === null ? null : Number(pref.lat),
    lng: pref.lng === null ? null : Number(pref.lng),
    inRegion: true,
    maxDistanceKm: pref.maxDistanceKm,
    weekdays: pref.weekdays,
    hourFrom: pref.hourFrom,
    hourTo: pref.hourTo,
    minPayFen: pref.minPayFen,
    minPayUnit: pref.minPayUnit as GigPayUnit | null,
    skills: parseList<GigSkill>(pref.skills),
  };
}

/** Every worker matching a job, best first (muted kinds included: the employer's list). */
export async function rankWorkers(repos: Pick<GigsRepos, 'gigs'>, job: GigJobRow) {
  const here = job.lat !== null && job.lng !== null ? { lat: Number(job.lat), lng: Number(job.lng) } : null;
  const candidates = await repos.gigs.candidatesForJob(
    job,
    here ? boundingBox(here, Math.min(MAX_MATCH_KM, (await repos.gigs.widestDistanceKm()) ?? 0) * 1000) : null,
    MAX_CANDIDATES,
  );
  const mj = matchJobOf(job);
  return candidates
    .map((c) => ({ id: c.workerId, candidate: c, match: scoreCandidate(mj, c) }))
    .filter((x): x is typeof x & { match: NonNullable<typeof x.match> } => x.match !== null)
    .sort(byScore);
}
