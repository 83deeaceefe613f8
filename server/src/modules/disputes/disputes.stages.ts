import {
  CLOCK_RULES,
  disputeTransition,
  PAYMENT_ORDER_TYPES,
  type ArbitrationStatus,
  type DisputeClockKind,
  type DisputeEventFields,
  type DisputeFacts,
  type DisputeStatus,
  type DisputeType,
  type LegalAidStatus,
  type MediationStatus,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { WorkCalendar } from '../../core/workdays';
import type { ReposOf } from '../../store';
import { clockDueOn, stoppedState } from './disputes.clocks';
import type {
  ArbitrationRow,
  CaseRow,
  ClockRow,
  LegalAidRow,
  LitigationRow,
  MediationRow,
} from './disputes.repository';

type Repos = ReposOf<'disputes' | 'disputeCentres'>;

/** Everything recorded about one case's stages, as an event reads it. */
export interface CaseRecords {
  mediation: MediationRow | undefined;
  arbitration: ArbitrationRow | undefined;
  litigation: LitigationRow | undefined;
  legalAids: LegalAidRow[];
  clocks: ClockRow[];
}

export async function loadRecords(repos: Pick<Repos, 'disputes'>, caseId: string): Promise<CaseRecords> {
  const d = repos.disputes;
  const [mediation, arbitration, litigation, legalAids, clocks] = await Promise.all([
    d.mediation(caseId),
    d.arbitration(caseId),
    d.litigation(caseId),
    d.legalAids(caseId),
    d.clocksOf([caseId]),
  ]);
  return { mediation, arbitration, litigation, legalAids, clocks };
}

const running = (clocks: readonly ClockRow[], kind: DisputeClockKind) =>
  clocks.find((c) => c.kind === kind && c.state === 'running');

/** The workflow's facts of a case on `today` (DisputeFacts in @touyan/schemas). */
export function factsOf(row: CaseRow, r: CaseRecords, today: string): DisputeFacts {
  const lapsed = (kind: DisputeClockKind) => {
    const c = running(r.clocks, kind);
    return !!c && today > c.dueOn;
  };
  return {
    status: row.status as DisputeStatus,
    type: row.disputeType as DisputeType,
    mediation: r.mediation
      ? {
          status: r.mediation.status as MediationStatus,
          performed: r.mediation.performed === null ? null : r.mediation.performed === 1,
          periodOver: lapsed('mediation'),
        }
      : null,
    arbitration: r.arbitration
      ? {
          status: r.arbitration.status as ArbitrationStatus,
          acceptanceOverdue: lapsed('acceptance'),
          awardOverdue: lapsed('award'),
          awardExtendedDays: r.clocks.find((c) => c.kind === 'award')?.extendedDays ?? 0,
          hearingSet: r.arbitration.hearingOn !== null,
        }
      : null,
    litigation: r.litigation ? { judged: r.litigation.judgedOn !== null } : null,
    legalAid: (row.legalAid as LegalAidStatus | null) ?? null,
  };
}

/** The date an event records, and the earliest it may be (the step before it). */
function datesOf(b: DisputeEventFields, row: CaseRow, r: CaseRecords): { field: string; date: string; after: string } {
  const m = r.mediation;
  const a = r.arbitration;
  switch (b.event) {
    case 'start_mediation':
      return { field: 'receivedOn', date: b.receivedOn, after: row.receivedOn };
    case 'record_session':
      return { field: 'heldOn', date: b.heldOn, after: m!.receivedOn };
    case 'extend_mediation':
      return { field: 'days', date: '0000-00-00', after: '0000-00-00' };
    case 'mediation_agreement':
      return { field: 'agreedOn', date: b.agreedOn, after: m!.receivedOn };
    case 'mediation_failed':
      return { field: 'endedOn', date: b.endedOn, after: m!.receivedOn };
    case 'record_performance':
      return { field: 'on', date: b.on, after: m!.concludedOn ?? m!.receivedOn };
    case 'apply_arbitration':
      return { field: 'appliedOn', date: b.appliedOn, after: m?.concludedOn ?? m?.receivedOn ?? row.receivedOn };
    case 'accept_arbitration':
      return { field: 'acceptedOn', date: b.acceptedOn, after: a!.appliedOn };
    case 'refuse_arbitration':
      return { field: 'decidedOn', date: b.decidedOn, after: a!.appliedOn };
    case 'schedule_hearing':
      // A hearing is set for a day to come: only its order matters.
      return { field: 'hearingOn', date: '0000-00-00', after: '0000-00-00' };
    case 'extend_award':
      return { field: 'days', date: '0000-00-00', after: '0000-00-00' };
    case 'award':
      return { field: 'awardedOn', date: b.awardedOn, after: a!.acceptedOn ?? a!.appliedOn };
    case 'file_litigation':
      return {
        field: 'filedOn',
        date: b.filedOn,
        after: a?.awardedOn ?? a?.refusedOn ?? a?.appliedOn ?? m?.performedOn ?? m?.concludedOn ?? row.receivedOn,
      };
    case 'judgement':
      return { field: 'judgedOn', date: b.judgedOn, after: r.litigation!.filedOn };
    case 'apply_legal_aid':
      return { field: 'appliedOn', date: b.appliedOn, after: row.receivedOn };
    case 'decide_legal_aid':
      return { field: 'decidedOn', date: b.decidedOn, after: r.legalAids.at(-1)?.appliedOn ?? row.receivedOn };
    case 'close':
      return { field: 'closedOn', date: b.closedOn, after: row.receivedOn };
  }
}

/** The outcome of applying one event: the next status, and what the timeline records. */
export interface StageResult {
  to: DisputeStatus;
  note: string | null;
  detail: Record<string, unknown>;
  /** Mediator newly assigned (to be notified). */
  assigned?: string | null;
  patch: {
    mediatorUserId?: string | null;
    legalAid?: string | null;
    outcome?: string;
    recoveredFen?: number;
    closedOn?: string;
  };
}

export interface StageEnv {
  cal: WorkCalendar;
  today: string;
}

/**
 * Applies one workflow event to a case inside the caller's transaction: checks the table allows it
 * (the caller authorised the user), the dates, and writes the stage record and its clocks. The case
 * row itself (status, version) is written by the service.
 */
export async function applyStage(
  repos: Repos,
  ctx: RequestContext,
  env: StageEnv,
  row: CaseRow,
  r: CaseRecords,
  b: DisputeEventFields,
): Promise<StageResult> {
  const facts = factsOf(row, r, env.today);
  const to = disputeTransition(facts, b.event);
  if (to === undefined) throw new AppError('INVALID_TRANSITION');
  const d = repos.disputes;
  const { field, date, after } = datesOf(b, row, r);
  if (date > env.today) throw new AppError('VALIDATION_FAILED', { [field]: 'date_future' });
  if (date < after) throw new AppError('VALIDATION_FAILED', { [field]: 'date_order' });

  const start = async (kind: DisputeClockKind, on: string) =>
    d.insertClock({ caseId: row.id, kind, startedOn: on, dueOn: clockDueOn(kind, on, 0, env.cal) });
  const stop = async (kind: DisputeClockKind, on: string, how: 'judge' | 'ended' | 'interrupted') => {
    const c = running(r.clocks, kind);
    if (c) await d.stopClock(c.id, on, how === 'judge' ? stoppedState(c.dueOn, on) : how);
  };
  /** The limitation period runs again from `on` (时效中断: the mediation ended without a performed agreement). */
  const restartLimitation = async (on: string) => {
    if (!row.knownOn || running(r.clocks, 'limitation')) return;
    await start('limitation', on);
  };
  const extend = async (kind: DisputeClockKind, days: number, reason: string, agreedBy: string) => {
    const c = running(r.clocks, kind);
    if (!c) throw new AppError('INVALID_TRANSITION');
    const max = CLOCK_RULES[kind].maxExtensionDays;
    if (max !== null && c.extendedDays + days > max) throw new AppError('VALIDATION_FAILED', { days: 'extension_cap' });
    const total = c.extendedDays + days;
    const dueOn = clockDueOn(kind, c.startedOn, total, env.cal);
    if (!(await d.extendClock(c.id, c.extendedDays, total, dueOn))) throw new AppError('VERSION_CONFLICT');
    await d.insertExtension({
      clockId: c.id,
      caseId: row.id,
      days,
      reason,
      agreedBy,
      dueBefore: c.dueOn,
      dueAfter: dueOn,
      createdBy: ctx.actor.userId,
    });
    return { dueBefore: c.dueOn, dueAfter: dueOn };
  };

  switch (b.event) {
    case 'start_mediation': {
      const mediator = b.mediatorUserId ?? row.mediatorUserId;
      const assigned =
        mediator ??
        ((await repos.disputeCentres.isMediatorOf(row.centreId, ctx.actor.userId)) ? ctx.actor.userId : null);
      if (assigned && !(await repos.disputeCentres.isMediatorOf(row.centreId, assigned)))
        throw new AppError('VALIDATION_FAILED', { mediatorUserId: 'not_mediator' });
      await d.insertMediation({
        caseId: row.id,
        mediatorUserId: assigned,
        receivedOn: b.receivedOn,
        status: 'ongoing',
        concludedOn: null,
        terms: null,
        agreedFen: null,
        performBy: null,
        performed: null,
        performedOn: null,
        failureReason: null,
      });
      await start('mediation', b.receivedOn);
      // Applying for mediation interrupts the limitation period (时效中断, Art. 27).
      await stop('limitation', b.receivedOn, 'interrupted');
      return {
        to,
        note: b.note,
        detail: { receivedOn: b.receivedOn },
        assigned: assigned !== row.mediatorUserId ? assigned : undefined,
        patch: { mediatorUserId: assigned },
      };
    }
    case 'record_session':
      return { to, note: b.note, detail: { heldOn: b.heldOn, result: b.result }, patch: {} };
    case 'extend_mediation': {
      const x = await extend('mediation', b.days, b.reason, b.agreedBy);
      return { to, note: b.reason, detail: { days: b.days, agreedBy: b.agreedBy, ...x }, patch: {} };
    }
    case 'mediation_agreement':
      await d.updateMediation(row.id, {
        status: 'agreed',
        concludedOn: b.agreedOn,
        terms: b.terms,
        agreedFen: b.amountFen,
        performBy: b.performBy,
      });
      await stop('mediation', b.agreedOn, 'judge');
      return { to, note: b.terms, detail: { agreedOn: b.agreedOn, amountFen: b.amountFen }, patch: {} };
    case 'mediation_failed':
      await d.updateMediation(row.id, { status: 'failed', concludedOn: b.endedOn, failureReason: b.reason });
      await stop('mediation', b.endedOn, 'judge');
      await restartLimitation(b.endedOn);
      return { to, note: b.reason, detail: { endedOn: b.endedOn }, patch: {} };
    case 'record_performance':
      await d.updateMediation(row.id, { performed: b.performed ? 1 : 0, performedOn: b.on });
      if (!b.performed) await restartLimitation(b.on);
      return { to, note: b.note, detail: { performed: b.performed, on: b.on }, patch: {} };
    case 'apply_arbitration': {
      if (row.status === 'mediating') {
        // The 15 days ran out without an agreement: the mediation lapses (Art. 14).
        await d.updateMediation(row.id, { status: 'lapsed', concludedOn: b.appliedOn });
        await stop('mediation', b.appliedOn, 'judge');
      }
      await d.insertArbitration({
        caseId: row.id,
        commission: b.commission,
        appliedOn: b.appliedOn,
        status: 'applied',
        acceptedOn: null,
        arbCaseNo: null,
        refusedOn: null,
        refusalReason: null,
        hearingOn: null,
        awardedOn: null,
        awardResult: null,
        awardFen: null,
      });
      await start('acceptance', b.appliedOn);
      // Applied within the limitation period, or not.
      await stop('limitation', b.appliedOn, 'judge');
      return { to, note: b.note, detail: { appliedOn: b.appliedOn, commission: b.commission }, patch: {} };
    }
    case 'accept_arbitration':
      await d.updateArbitration(row.id, { status: 'accepted', acceptedOn: b.acceptedOn, arbCaseNo: b.arbCaseNo });
      await stop('acceptance', b.acceptedOn, 'judge');
      await start('award', b.acceptedOn);
      return { to, note: b.arbCaseNo, detail: { acceptedOn: b.acceptedOn }, patch: {} };
    case 'refuse_arbitration':
      await d.updateArbitration(row.id, { status: 'refused', refusedOn: b.decidedOn, refusalReason: b.reason });
      await stop('acceptance', b.decidedOn, 'judge');
      return { to, note: b.reason, detail: { decidedOn: b.decidedOn }, patch: {} };
    case 'schedule_hearing': {
      const acceptedOn = r.arbitration!.acceptedOn!;
      if (b.hearingOn < acceptedOn) throw new AppError('VALIDATION_FAILED', { hearingOn: 'date_order' });
      await d.updateArbitration(row.id, { hearingOn: b.hearingOn });
      return { to, note: null, detail: { hearingOn: b.hearingOn }, patch: {} };
    }
    case 'extend_award': {
      const x = await extend('award', b.days, b.reason, b.approvedBy);
      return { to, note: b.reason, detail: { days: b.days, approvedBy: b.approvedBy, ...x }, patch: {} };
    }
    case 'award':
      await d.updateArbitration(row.id, {
        status: 'awarded',
        awardedOn: b.awardedOn,
        awardResult: b.result,
        awardFen: b.amountFen,
        finalAward: b.final ? 1 : 0,
      });
      await stop('award', b.awardedOn, 'judge');
      return {
        to,
        note: b.note,
        detail: { awardedOn: b.awardedOn, result: b.result, amountFen: b.amountFen },
        patch: {},
      };
    case 'file_litigation': {
      if (row.status === 'mediated' && b.kind !== 'payment_order')
        throw new AppError('VALIDATION_FAILED', { kind: 'invalid' });
      if (row.status === 'mediated' && !PAYMENT_ORDER_TYPES.includes(row.disputeType as DisputeType))
        throw new AppError('INVALID_TRANSITION');
      // The arbitration's clocks end: the case leaves for the court (Art. 29, 43).
      await stop('acceptance', b.filedOn, 'ended');
      await stop('award', b.filedOn, 'ended');
      await d.insertLitigation({
        caseId: row.id,
        kind: b.kind,
        court: b.court,
        courtCaseNo: b.courtCaseNo,
        filedOn: b.filedOn,
        judgedOn: null,
        judgementResult: null,
        judgementFen: null,
      });
      return { to, note: b.court, detail: { filedOn: b.filedOn, kind: b.kind }, patch: {} };
    }
    case 'judgement':
      await d.updateLitigation(row.id, {
        judgedOn: b.judgedOn,
        judgementResult: b.result,
        judgementFen: b.amountFen,
        ...(b.courtCaseNo ? { courtCaseNo: b.courtCaseNo } : {}),
      });
      return {
        to,
        note: b.note,
        detail: { judgedOn: b.judgedOn, result: b.result, amountFen: b.amountFen },
        patch: {},
      };
    case 'apply_legal_aid':
      await d.insertLegalAid({
        id: newId(),
        caseId: row.id,
        stage: row.status,
        appliedOn: b.appliedOn,
        provider: b.provider,
        status: 'applied',
        decidedOn: null,
        lawyerName: null,
        lawFirm: null,
        reason: null,
        createdBy: ctx.actor.userId,
      });
      return {
        to,
        note: b.note,
        detail: { appliedOn: b.appliedOn, provider: b.provider },
        patch: { legalAid: 'applied' },
      };
    case 'decide_legal_aid': {
      const pending = r.legalAids.findLast((a) => a.status === 'applied');
      if (!pending) throw new AppError('INVALID_TRANSITION');
      const status = b.approved ? 'approved' : 'denied';
      const ok = await d.decideLegalAid(pending.id, {
        status,
        decidedOn: b.decidedOn,
        lawyerName: b.approved ? b.lawyerName : null,
        lawFirm: b.approved ? b.lawFirm : null,
        reason: b.reason,
      });
      if (!ok) throw new AppError('VERSION_CONFLICT');
      return {
        to,
        note: b.approved ? [b.lawFirm, b.lawyerName].filter(Boolean).join(' ') : b.reason,
        detail: { decidedOn: b.decidedOn, approved: b.approved },
        patch: { legalAid: status },
      };
    }
    case 'close':
      for (const c of r.clocks.filter((k) => k.state === 'running')) await d.stopClock(c.id, b.closedOn, 'ended');
      return {
        to,
        note: b.note,
        detail: { outcome: b.outcome, recoveredFen: b.recoveredFen },
        patch: { outcome: b.outcome, recoveredFen: b.recoveredFen, closedOn: b.closedOn },
      };
  }
}
