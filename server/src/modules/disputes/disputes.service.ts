import {
  CLOCK_RULES,
  DISPUTE_CLOCKS,
  DISPUTE_EVENTS,
  maskMobile,
  type AttachmentView,
  type DisputeCaseView,
  type DisputeClockKind,
  type DisputeClockView,
  type DisputeDetailView,
  type DisputeEventBody,
  type DisputeEventFields,
  type DisputeExportQuery,
  type DisputeGroupAddBody,
  type DisputeGroupBody,
  type DisputeGroupEventResult,
  type DisputeGroupView,
  type DisputeIntakeBody,
  type DisputeListQuery,
  type DisputeOnlineBody,
  type DisputeSelfCase,
  type DisputeSelfList,
  type DisputeStatsQuery,
  type DisputeStatsView,
  type Page,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { shanghaiDate } from '../../core/time';
import type { WorkCalendar } from '../../core/workdays';
import { constraintError, violationOf } from '../../db/constraint-errors';
import type { Store } from '../../store';
import { AttachmentsService } from '../attachments/attachments.service';
import { DemandsService } from '../demands/demands.service';
import { NotificationsService } from '../notifications/notifications.service';
import { clockDueOn, clockView, daysBetween, dueThresholds } from './disputes.clocks';
import {
  authorizeEvent,
  authorizeEvidence,
  caseAbilities,
  disputeReadScope,
  isWorkerAccount,
  reachesNothing,
} from './disputes.policy';
import type { CaseFilter, CaseRow, ClockRow } from './disputes.repository';
import { applyStage, factsOf, loadRecords, type CaseRecords } from './disputes.stages';
import { disputeStats } from './disputes.stats';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type DisputesStore = Store<
  'attachments' | 'audit' | 'demands' | 'disputeCentres' | 'disputes' | 'notifications'
>;
type DisputesRepos = DisputesStore['repos'];

const CLOCK_ORDER: DisputeClockKind[] = ['acceptance', 'mediation', 'award', 'limitation'];

/** The respondent's key for the duplicate check: the credit code, else the name without spaces or brackets' width. */
export function respondentKey(name: string, creditCode: string | null): string {
  if (creditCode) return `c:${creditCode}`;
  return `n:${name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase()}`;
}

/** Rows of one Excel export at most. */
const EXPORT_MAX = 5000;

/**
 * 调裁诉援 cases (issue 14): intake, the stage records through the workflow table, the statutory
 * clocks, evidence, group cases, the worker's own view and the overdue alerts. Every write is one
 * transaction with its timeline entry and audit entry.
 */
/** Cases that may be grouped together: open, in no group yet, of one centre and one respondent. */
function groupable(rows: CaseRow[], like: { centreId: string; respondentKey: string }): boolean {
  return rows.every(
    (r) =>
      r.centreId === like.centreId &&
      r.respondentKey === like.respondentKey &&
      r.status !== 'closed' &&
      r.groupId === null,
  );
}

export class DisputesService {
  constructor(
    private readonly store: DisputesStore,
    private readonly cipher: FieldCipher,
    private readonly attachments: AttachmentsService,
  ) {}

  private calendar(repos: Pick<DisputesRepos, 'demands'>): Promise<WorkCalendar> {
    return DemandsService.calendar(repos);
  }

  // ——— views ———

  private clockViews(clocks: readonly ClockRow[], today: string): DisputeClockView[] {
    const views = clocks.map((c) => ({
      id: c.id,
      kind: c.kind as DisputeClockKind,
      startedOn: c.startedOn,
      dueOn: c.dueOn,
      extendedDays: c.extendedDays,
      stoppedOn: c.stoppedOn,
      ...clockView({ kind: c.kind as DisputeClockKind, dueOn: c.dueOn, stoppedOn: c.stoppedOn, state: c.state }, today),
    }));
    // Running first (nearest last day first), then stopped in the order they ran.
    return views.sort((a, b) => {
      const ra = a.daysLeft !== null;
      const rb = b.daysLeft !== null;
      if (ra !== rb) return ra ? -1 : 1;
      if (ra && rb) return a.daysLeft! - b.daysLeft! || CLOCK_ORDER.indexOf(a.kind) - CLOCK_ORDER.indexOf(b.kind);
      return a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0;
    });
  }

  private toView(ctx: RequestContext, row: CaseRow, r: CaseRecords, today: string): DisputeCaseView {
    return {
      id: row.id,
      caseNo: row.caseNo,
      centreId: row.centreId,
      centreName: row.centreName,
      regionCode: row.regionCode,
      regionName: row.regionName,
      source: row.source as DisputeCaseView['source'],
      sourceNote: row.sourceNote,
      workerId: row.workerId,
      workerName: row.workerName,
      workerMobileMasked: row.workerMobileMasked,
      respondentKind: row.respondentKind as DisputeCaseView['respondentKind'],
      respondentName: row.respondentName,
      respondentCreditCode: row.respondentCreditCode,
      type: row.disputeType as DisputeCaseView['type'],
      claimFen: row.claimFen,
      facts: row.facts,
      knownOn: row.knownOn,
      receivedOn: row.receivedOn,
      status: row.status as DisputeCaseView['status'],
      mediatorUserId: row.mediatorUserId,
      mediatorName: row.mediatorName,
      groupId: row.groupId,
      groupTitle: row.groupTitle,
      legalAid: row.legalAid as DisputeCaseView['legalAid'],
      outcome: row.outcome as DisputeCaseView['outcome'],
      recoveredFen: row.recoveredFen,
      closedOn: row.closedOn,
      clocks: this.clockViews(r.clocks, today),
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      abilities: caseAbilities(ctx.actor, { workflow: factsOf(row, r, today) }),
    };
  }

  /** Views of a page of cases: their stage records and clocks loaded in one query each. */
  private async views(ctx: RequestContext, rows: CaseRow[]): Promise<DisputeCaseView[]> {
    const d = this.store.repos.disputes;
    const ids = rows.map((r) => r.id);
    const [stages, clocks] = await Promise.all([d.stagesOf(ids), d.clocksOf(ids)]);
    const today = shanghaiDate();
    return rows.map((row) =>
      this.toView(
        ctx,
        row,
        {
          mediation: stages.mediations.find((m) => m.caseId === row.id),
          arbitration: stages.arbitrations.find((a) => a.caseId === row.id),
          litigation: stages.litigations.find((l) => l.caseId === row.id),
          legalAids: [],
          clocks: clocks.filter((c) => c.caseId === row.id),
        },
        today,
      ),
    );
  }

  private async detail(ctx: RequestContext, row: CaseRow): Promise<DisputeDetailView> {
    const repos = this.store.repos;
    const r = await loadRecords(repos, row.id);
    const [extensions, events, evidence] = await Promise.all([
      repos.disputes.extensions(row.id),
      repos.disputes.events(row.id),
      AttachmentsService.evidenceOf(repos, row.id),
    ]);
    const m = r.mediation;
    const a = r.arbitration;
    const l = r.litigation;
    return {
      ...this.toView(ctx, row, r, shanghaiDate()),
      mediation: m
        ? {
            mediatorName: m.mediatorName,
            receivedOn: m.receivedOn,
            status: m.status as 'ongoing',
            concludedOn: m.concludedOn,
            terms: m.terms,
            agreedFen: m.agreedFen,
            performBy: m.performBy,
            performed: m.performed === null ? null : m.performed === 1,
            performedOn: m.performedOn,
            failureReason: m.failureReason,
          }
        : null,
      arbitration: a
        ? {
            commission: a.commission,
            appliedOn: a.appliedOn,
            status: a.status as 'applied',
            acceptedOn: a.acceptedOn,
            arbCaseNo: a.arbCaseNo,
            refusedOn: a.refusedOn,
            refusalReason: a.refusalReason,
            hearingOn: a.hearingOn,
            awardedOn: a.awardedOn,
            awardResult: a.awardResult as 'upheld' | null,
            awardFen: a.awardFen,
            finalAward: a.finalAward === 1,
          }
        : null,
      litigation: l
        ? {
            kind: l.kind as 'lawsuit',
            court: l.court,
            courtCaseNo: l.courtCaseNo,
            filedOn: l.filedOn,
            judgedOn: l.judgedOn,
            judgementResult: l.judgementResult as 'upheld' | null,
            judgementFen: l.judgementFen,
          }
        : null,
      legalAids: r.legalAids.map((x) => ({
        id: x.id,
        stage: x.stage as 'registered',
        appliedOn: x.appliedOn,
        provider: x.provider,
        status: x.status as 'applied',
        decidedOn: x.decidedOn,
        lawyerName: x.lawyerName,
        lawFirm: x.lawFirm,
        reason: x.reason,
      })),
      extensions: extensions.map((x) => ({ ...x, clock: x.clock as DisputeClockKind })),
      timeline: events.map((e) => ({ ...e, event: e.event as DisputeDetailView['timeline'][number]['event'] })),
      evidence,
    };
  }

  // ——— reads ———

  private filter(ctx: RequestContext, q: DisputeListQuery): CaseFilter {
    return {
      q: q.q || undefined,
      centreId: q.centreId,
      status: q.status,
      open: q.open,
      type: q.type,
      source: q.source,
      outcome: q.outcome,
      clockDue: q.clock ? dueThresholds(q.clock, shanghaiDate()) : undefined,
      legalAid: q.legalAid,
      mediated: q.mediated,
      groupId: q.groupId,
      mediatorUserId: q.mine ? ctx.actor.userId : undefined,
      orgId: q.orgId,
      regionCode: q.regionCode,
      receivedFrom: q.receivedFrom,
      receivedTo: q.receivedTo,
      closedFrom: q.closedFrom,
      closedTo: q.closedTo,
    };
  }

  async list(ctx: RequestContext, q: DisputeListQuery): Promise<Page<DisputeCaseView>> {
    const d = this.store.repos.disputes;
    const scope = disputeReadScope(ctx.actor);
    const f = this.filter(ctx, q);
    const page = await d.list(scope, f, q);
    return {
      items: await this.views(ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await d.count(scope, f) } : {}),
    };
  }

  /** Every case the list would show with these filters (the Excel export), newest first, at most 5000. */
  async exportRows(ctx: RequestContext, q: DisputeExportQuery): Promise<DisputeCaseView[]> {
    const d = this.store.repos.disputes;
    const scope = disputeReadScope(ctx.actor);
    const f = this.filter(ctx, { ...q, limit: 200, withTotal: undefined });
    const out: DisputeCaseView[] = [];
    let cursor: string | undefined;
    do {
      const page = await d.list(scope, f, { limit: 200, cursor });
      out.push(...(await this.views(ctx, page.items)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < EXPORT_MAX);
    return out.slice(0, EXPORT_MAX);
  }

  private async row(repos: Pick<DisputesRepos, 'disputes'>, ctx: RequestContext, id: string): Promise<CaseRow> {
    const row = await repos.disputes.get(disputeReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<DisputeDetailView> {
    return this.detail(ctx, await this.row(this.store.repos, ctx, id));
  }

  /** Which of these cases the caller reads (reference resolver). */
  visibleIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.disputes.idsInScope(disputeReadScope(ctx.actor), ids);
  }

  async evidenceFile(ctx: RequestContext, id: string, fileId: string) {
    const row = await this.row(this.store.repos, ctx, id);
    return this.attachments.openDisputeEvidence(row.id, fileId);
  }

  /**
   * Who uploads evidence: those who record cases (any allowed type), and a worker account for their
   * own application from the phone (photos and PDF only: nothing a centre's computer would run).
   * Answers the upload's type rule.
   */
  assertMayUpload(ctx: RequestContext): { photoOrPdf: boolean } {
    if (ctx.actor.permissions.has('dispute.write')) return { photoOrPdf: false };
    if (isWorkerAccount(ctx.actor)) return { photoOrPdf: true };
    throw new AppError('FORBIDDEN');
  }

  // ——— intake ———

  /** Runs a write; the unique index's answer to a race is the same 409 as the check's. */
  private async guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const v = violationOf(e);
      if (v?.kind === 'unique' && v.columns.some((c) => /worker_?key/i.test(c)))
        throw new AppError('DISPUTE_DUPLICATE', { respondent: 'duplicate' });
      throw constraintError(e) ?? e;
    }
  }

  private async insertCase(
    repos: DisputesRepos,
    ctx: RequestContext,
    centre: { id: string; code: string; regionCode: string },
    worker: { id: string | null; userId: string | null; name: string; mobile: string; key: string },
    body: Omit<DisputeOnlineBody, 'worker'> & { source: string; sourceNote: string | null; receivedOn: string },
  ): Promise<string> {
    const today = shanghaiDate();
    if (body.receivedOn > today) throw new AppError('VALIDATION_FAILED', { receivedOn: 'date_future' });
    if (body.knownOn && body.knownOn > body.receivedOn)
      throw new AppError('VALIDATION_FAILED', { knownOn: 'date_order' });
    const rKey = respondentKey(body.respondent.name, body.respondent.creditCode);
    const open = await repos.disputes.openByPair(worker.key, rKey);
    if (open) throw new AppError('DISPUTE_DUPLICATE', { respondent: 'duplicate' });
    const year = Number(body.receivedOn.slice(0, 4));
    const seq = await repos.disputes.nextSeq(centre.id, year);
    const caseNo = `${centre.code}-${year}-${String(seq).padStart(4, '0')}`;
    const id = newId();
    await repos.disputes.insert({
      id,
      caseNo,
      centreId: centre.id,
      regionCode: centre.regionCode,
      source: body.source,
      sourceNote: body.sourceNote,
      workerId: worker.id,
      workerUserId: worker.userId,
      workerName: worker.name,
      workerMobileEnc: this.cipher.encrypt(worker.mobile),
      workerMobileMasked: maskMobile(worker.mobile),
      workerKey: worker.key,
      respondentKind: body.respondent.kind,
      respondentName: body.respondent.name,
      respondentCreditCode: body.respondent.creditCode,
      respondentKey: rKey,
      disputeType: body.type,
      claimFen: body.claimFen,
      facts: body.facts,
      knownOn: body.knownOn,
      receivedOn: body.receivedOn,
      status: 'registered',
      mediatorUserId: null,
      groupId: null,
      legalAid: null,
      outcome: null,
      recoveredFen: null,
      closedOn: null,
      createdBy: ctx.actor.userId,
    });
    // The one-year limitation period runs from when the worker knew of the infringement (Art. 27).
    if (body.knownOn) {
      const cal = await this.calendar(repos);
      await repos.disputes.insertClock({
        caseId: id,
        kind: 'limitation',
        startedOn: body.knownOn,
        dueOn: clockDueOn('limitation', body.knownOn, 0, cal),
      });
    }
    await AttachmentsService.claimForDisputeCase(repos, ctx, id, body.evidenceIds);
    await repos.disputes.addEvent({
      caseId: id,
      event: 'intake',
      fromStatus: null,
      toStatus: 'registered',
      note: body.sourceNote,
      detail: { source: body.source, evidence: body.evidenceIds.length },
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
    });
    await repos.audit.record(auditCtx(ctx), {
      action: 'create',
      entityType: 'dispute_case',
      entityId: id,
      entityLabel: `${caseNo} ${worker.name} 诉 ${body.respondent.name}`,
      changes: [
        { field: 'caseNo', before: null, after: caseNo },
        { field: 'type', before: null, after: body.type },
        { field: 'claimFen', before: null, after: body.claimFen },
        { field: 'workerMobile', before: null, after: maskMobile(worker.mobile) },
        { field: 'respondent', before: null, after: body.respondent.name },
      ],
    });
    return id;
  }

  /** A worker's identity for a case: the registry's when named or when the mobile matches one registration. */
  private async workerOf(
    repos: DisputesRepos,
    b: { workerId: string | null; worker: { name: string; mobile: string } | null },
  ) {
    if (b.workerId) {
      const w = await repos.disputes.registryWorker(b.workerId);
      if (!w) throw new AppError('NOT_FOUND', { workerId: 'not_found' });
      return { id: w.id, userId: w.userId, name: w.name, mobile: this.cipher.decrypt(w.mobileEnc), key: `w:${w.id}` };
    }
    const entered = b.worker!;
    const hash = this.cipher.lookupHash(entered.mobile);
    const w = await repos.disputes.registryWorkerByMobile(hash);
    if (w) return { id: w.id, userId: w.userId, name: entered.name, mobile: entered.mobile, key: `w:${w.id}` };
    return { id: null, userId: null, name: entered.name, mobile: entered.mobile, key: `m:${hash}` };
  }

  /** Intake at the centre (station, hotline, walk-in, referral — or an online form keyed in). */
  async intake(ctx: RequestContext, body: DisputeIntakeBody): Promise<DisputeDetailView> {
    if (!ctx.actor.permissions.has('dispute.write')) throw new AppError('FORBIDDEN');
    const id = await this.guarded(() =>
      this.store.tx(async (repos) => {
        const centre = await repos.disputeCentres.get(disputeReadScope(ctx.actor), body.centreId);
        if (!centre) throw new AppError('NOT_FOUND', { centreId: 'not_found' });
        const worker = await this.workerOf(repos, body);
        return this.insertCase(repos, ctx, centre, worker, {
          ...body,
          receivedOn: body.receivedOn ?? shanghaiDate(),
        });
      }),
    );
    return this.get(ctx, id);
  }

  // ——— the worker's own cases ———

  private selfCase(
    row: CaseRow,
    r: CaseRecords,
    steps: { event: string; at: string }[],
    today: string,
  ): DisputeSelfCase {
    const clocks = this.clockViews(r.clocks, today).filter((c) => c.daysLeft !== null && c.kind !== 'limitation');
    const hearing = r.arbitration?.hearingOn && r.arbitration.hearingOn >= today ? r.arbitration.hearingOn : null;
    const next = hearing
      ? { date: hearing, label: '仲裁开庭' }
      : clocks[0]
        ? { date: clocks[0].dueOn, label: `${DISPUTE_CLOCKS[clocks[0].kind]['zh-CN']}届满` }
        : null;
    return {
      id: row.id,
      caseNo: row.caseNo,
      centreName: row.centreName,
      centrePhone: row.centrePhone,
      type: row.disputeType as DisputeSelfCase['type'],
      status: row.status as DisputeSelfCase['status'],
      respondentName: row.respondentName,
      claimFen: row.claimFen,
      receivedOn: row.receivedOn,
      nextDate: next?.date ?? null,
      nextLabel: next?.label ?? null,
      legalAid: row.legalAid as DisputeSelfCase['legalAid'],
      outcome: row.outcome as DisputeSelfCase['outcome'],
      recoveredFen: row.recoveredFen,
      steps,
    };
  }

  /** The caller's own cases (a worker account): stage, next date and the steps so far — no notes. */
  async mine(ctx: RequestContext): Promise<DisputeSelfList> {
    const repos = this.store.repos;
    const rows = await repos.disputes.ofWorkerUser(ctx.actor.userId);
    const today = shanghaiDate();
    const items: DisputeSelfCase[] = [];
    for (const row of rows) {
      const r = await loadRecords(repos, row.id);
      const events = await repos.disputes.events(row.id);
      const steps = events
        .filter((e) => e.event === 'intake' || (e.event in DISPUTE_EVENTS && e.event !== 'record_session'))
        .map((e) => ({ event: e.event, at: e.at }));
      items.push(this.selfCase(row, r, steps, today));
    }
    return { items };
  }

  /**
   * A worker applies from the phone (source `online`): the centre serving their region (their
   * registration's, else their binding's), their registration's name and mobile (or those entered).
   */
  async applyOnline(ctx: RequestContext, body: DisputeOnlineBody): Promise<DisputeSelfList> {
    if (!isWorkerAccount(ctx.actor)) throw new AppError('WORKER_ACCOUNT_ONLY');
    await this.guarded(() =>
      this.store.tx(async (repos) => {
        const reg = await repos.disputes.registryWorkerOfUser(ctx.actor.userId);
        const binding = ctx.actor.bindings.find((b) => b.role === 'worker' && b.orgId);
        const region =
          reg?.regionCode ?? (binding?.orgId ? await repos.disputeCentres.regionOfOrg(binding.orgId) : undefined);
        const centre = region ? await repos.disputeCentres.centreServing(region) : undefined;
        if (!centre) throw new AppError('DISPUTE_NO_CENTRE');
        const worker = reg
          ? {
              id: reg.id,
              userId: ctx.actor.userId,
              name: reg.name,
              mobile: this.cipher.decrypt(reg.mobileEnc),
              key: `w:${reg.id}`,
            }
          : body.worker
            ? {
                id: null,
                userId: ctx.actor.userId,
                name: body.worker.name,
                mobile: body.worker.mobile,
                key: `m:${this.cipher.lookupHash(body.worker.mobile)}`,
              }
            : null;
        if (!worker) throw new AppError('DISPUTE_WORKER_UNKNOWN', { worker: 'required' });
        await this.insertCase(repos, ctx, centre, worker, {
          ...body,
          source: 'online',
          sourceNote: null,
          receivedOn: shanghaiDate(),
        });
      }),
    );
    return this.mine(ctx);
  }

  // ——— the workflow ———

  /** One event on a case inside a transaction: authorise, apply the stage, move the case, record it. */
  private async applyEvent(
    repos: DisputesRepos,
    ctx: RequestContext,
    cal: WorkCalendar,
    row: CaseRow,
    body: DisputeEventFields,
    version: number,
  ) {
    const today = shanghaiDate();
    const r = await loadRecords(repos, row.id);
    authorizeEvent(ctx.actor, { workflow: factsOf(row, r, today) }, body.event);
    const res = await applyStage(repos, ctx, { cal, today }, row, r, body);
    await repos.disputes.update(row.id, version, { status: res.to, ...res.patch }, row.status);
    await repos.disputes.addEvent({
      caseId: row.id,
      event: body.event,
      fromStatus: row.status,
      toStatus: res.to,
      note: res.note,
      detail: res.detail,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
    });
    await repos.audit.record(auditCtx(ctx), {
      action: 'update',
      entityType: 'dispute_case',
      entityId: row.id,
      entityLabel: row.caseNo,
      changes: [
        { field: 'event', before: null, after: body.event },
        ...(res.to !== row.status ? [{ field: 'status', before: row.status, after: res.to }] : []),
        ...Object.entries(res.patch).map(([field, after]) => ({
          field,
          before: (row as unknown as Record<string, unknown>)[field] ?? null,
          after,
        })),
      ],
    });
    if (res.assigned && res.assigned !== ctx.actor.userId)
      await NotificationsService.send(repos, [res.assigned], {
        kind: 'dispute_assigned',
        title: `调解案件：${row.caseNo}`,
        body: `${row.workerName} 诉 ${row.respondentName}`,
        link: `/disputes/${row.id}`,
        dedupeKey: `dispute-assigned:${row.id}:${res.assigned}`,
      });
  }

  async event(ctx: RequestContext, id: string, body: DisputeEventBody): Promise<DisputeDetailView> {
    await this.store.tx(async (repos) => {
      const row = await this.row(repos, ctx, id);
      await this.applyEvent(repos, ctx, await this.calendar(repos), row, body, body.version);
    });
    return this.get(ctx, id);
  }

  async addEvidence(ctx: RequestContext, id: string, ids: readonly string[]): Promise<DisputeDetailView> {
    await this.store.tx(async (repos) => {
      const row = await this.row(repos, ctx, id);
      const r = await loadRecords(repos, row.id);
      authorizeEvidence(ctx.actor, { workflow: factsOf(row, r, shanghaiDate()) });
      await AttachmentsService.claimForDisputeCase(repos, ctx, row.id, ids);
      await repos.disputes.addEvent({
        caseId: row.id,
        event: 'evidence',
        fromStatus: null,
        toStatus: null,
        note: `${ids.length} 份证据材料`,
        detail: { ids },
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'dispute_case',
        entityId: row.id,
        entityLabel: row.caseNo,
        changes: [{ field: 'evidence', before: null, after: ids }],
      });
    });
    return this.get(ctx, id);
  }

  // ——— group cases (集体争议) ———

  async createGroup(ctx: RequestContext, body: DisputeGroupBody): Promise<DisputeGroupView> {
    if (!ctx.actor.permissions.has('dispute.write')) throw new AppError('FORBIDDEN');
    const id = newId();
    await this.store.tx(async (repos) => {
      const rows = [];
      for (const caseId of new Set(body.caseIds)) rows.push(await this.row(repos, ctx, caseId));
      const first = rows[0]!;
      if (!groupable(rows, first) || rows.length < 2) throw new AppError('DISPUTE_GROUP_MIXED');
      await repos.disputes.insertGroup({
        id,
        centreId: first.centreId,
        title: body.title,
        respondentKey: first.respondentKey,
        respondentName: first.respondentName,
        createdBy: ctx.actor.userId,
      });
      await this.joinGroup(repos, ctx, 'create', { id, title: body.title }, rows);
    });
    return this.group(ctx, id);
  }

  /** Later cases join an existing group under the same checks as creating it; all join, or none. */
  async addGroupCases(ctx: RequestContext, id: string, body: DisputeGroupAddBody): Promise<DisputeGroupView> {
    if (!ctx.actor.permissions.has('dispute.write')) throw new AppError('FORBIDDEN');
    await this.store.tx(async (repos) => {
      const g = await repos.disputes.group(disputeReadScope(ctx.actor), id);
      if (!g) throw notFound();
      const rows = [];
      for (const caseId of new Set(body.caseIds)) rows.push(await this.row(repos, ctx, caseId));
      if (!groupable(rows, g)) throw new AppError('DISPUTE_GROUP_MIXED');
      await this.joinGroup(repos, ctx, 'update', { id, title: g.title }, rows);
    });
    return this.group(ctx, id);
  }

  /**
   * Cases join a group (all, or none: a case another request grouped meanwhile refuses the lot), each
   * with its timeline event, and the group's audit entry.
   */
  private async joinGroup(
    repos: DisputesRepos,
    ctx: RequestContext,
    action: 'create' | 'update',
    group: { id: string; title: string },
    rows: CaseRow[],
  ): Promise<void> {
    const joined = await repos.disputes.joinGroup(
      rows.map((r) => r.id),
      group.id,
    );
    if (joined !== rows.length) throw new AppError('DISPUTE_GROUP_MIXED');
    for (const r of rows)
      await repos.disputes.addEvent({
        caseId: r.id,
        event: 'group',
        fromStatus: null,
        toStatus: null,
        note: group.title,
        detail: { groupId: group.id, cases: rows.length },
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
      });
    await repos.audit.record(auditCtx(ctx), {
      action,
      entityType: 'dispute_case',
      entityId: group.id,
      entityLabel: `集体争议 ${group.title}`,
      changes: [{ field: 'cases', before: null, after: rows.map((r) => r.caseNo) }],
    });
  }

  async group(ctx: RequestContext, id: string): Promise<DisputeGroupView> {
    const repos = this.store.repos;
    const scope = disputeReadScope(ctx.actor);
    const g = await repos.disputes.group(scope, id);
    if (!g) throw notFound();
    return {
      id: g.id,
      title: g.title,
      centreId: g.centreId,
      respondentName: g.respondentName,
      cases: await this.views(ctx, await repos.disputes.byGroup(scope, id)),
      createdAt: g.createdAt,
    };
  }

  /** The same event for every case of the group, in one transaction: all move, or none (the first refusal answers). */
  async groupEvent(ctx: RequestContext, id: string, body: DisputeEventFields): Promise<DisputeGroupEventResult> {
    let updated = 0;
    await this.store.tx(async (repos) => {
      const scope = disputeReadScope(ctx.actor);
      if (!(await repos.disputes.group(scope, id))) throw notFound();
      const cal = await this.calendar(repos);
      for (const row of await repos.disputes.byGroup(scope, id)) {
        await this.applyEvent(repos, ctx, cal, row, body, row.version);
        updated++;
      }
    });
    return { updated, group: await this.group(ctx, id) };
  }

  // ——— overdue clocks (the job queue) ———

  /**
   * Alerts every running clock past its last day, once per clock and last day (a guarded update):
   * the centre's head is notified (and the case's mediator), and the timeline records it. Idempotent.
   */
  async alertOverdueClocks(now: Date): Promise<number> {
    const today = shanghaiDate(now);
    return this.store.tx(async (repos) => {
      let n = 0;
      for (const c of await repos.disputes.overdueClocks(today)) {
        if (!(await repos.disputes.markAlerted(c.id, c.dueOn))) continue;
        n++;
        const label = DISPUTE_CLOCKS[c.kind as DisputeClockKind]['zh-CN'];
        await repos.disputes.addEvent({
          caseId: c.caseId,
          event: 'clock_overdue',
          fromStatus: null,
          toStatus: null,
          note: `${label}已于 ${c.dueOn} 届满（${CLOCK_RULES[c.kind as DisputeClockKind].law}）`,
          detail: { clock: c.kind, dueOn: c.dueOn, days: daysBetween(c.dueOn, today) },
          actorId: null,
          actorName: null,
        });
        await NotificationsService.send(repos, [c.headUserId, ...(c.mediatorUserId ? [c.mediatorUserId] : [])], {
          kind: 'dispute_overdue',
          title: `${label}已超期：${c.caseNo}`,
          body: `${c.workerName} 诉 ${c.respondentName}，期限 ${c.dueOn}`,
          link: `/disputes/${c.caseId}`,
          dedupeKey: `dispute-clock:${c.id}:${c.dueOn}`,
        });
      }
      return n;
    });
  }

  /** The evidence views of a case (for the printable summary). */
  evidence(caseId: string): Promise<AttachmentView[]> {
    return AttachmentsService.evidenceOf(this.store.repos, caseId);
  }

  /** The centre's figures over a period in the caller's reach (see disputes.stats.ts). */
  stats(ctx: RequestContext, q: DisputeStatsQuery): Promise<DisputeStatsView> {
    if (q.from > q.to) throw new AppError('VALIDATION_FAILED', { to: 'date_order' });
    return disputeStats(this.store.repos, disputeReadScope(ctx.actor), q);
  }

  /** Whether the caller's scope reaches any centre (the home's section). */
  reaches(ctx: RequestContext): boolean {
    return !reachesNothing(disputeReadScope(ctx.actor));
  }
}
