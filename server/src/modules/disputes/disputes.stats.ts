import {
  DISPUTE_HOME_MONTHS,
  HOME_DISPUTE_STAGES,
  type DisputeHomeFigures,
  DISPUTE_STATUS_CODES,
  DISPUTE_TYPE_CODES,
  type DisputeStatsQuery,
  type DisputeStatsView,
} from '@touyan/schemas';
import type { ReposOf } from '../../store';
import { queryString } from '../indicators/indicators.registry';
import { daysBetween } from './disputes.clocks';
import type { Actor } from '../../core/actor';
import { dueThresholds } from './disputes.clocks';
import { disputeReadScope, reachesNothing, type DisputeScope } from './disputes.policy';

/** The web lists the figures link to. */
export const CASE_LIST_PATH = '/disputes';
export const CONSULTATION_LIST_PATH = '/disputes/consultations';

/**
 * The centre's figures over a period (business dates, both included), in the caller's reach and the
 * optional area (a Party organisation's region) or centre. Each count is the list's own count with
 * the filters its link writes, so a figure and the rows it links to agree: cases received in the
 * period (by type and current status, by area and month), closed in the period (with the mean days
 * from receipt to closing and the amount actually recovered), of those received the ones whose
 * mediation reached an agreement over those whose mediation concluded (the success rate), the ones
 * granted legal aid, and the consultations asked in the period by area and month.
 */
export async function disputeStats(
  repos: ReposOf<'disputes' | 'disputeCentres'>,
  scope: DisputeScope,
  q: DisputeStatsQuery,
): Promise<DisputeStatsView> {
  const area = { orgId: q.orgId, centreId: q.centreId };
  const received = { ...area, receivedFrom: q.from, receivedTo: q.to };
  const closed = { ...area, closedFrom: q.from, closedTo: q.to };
  const asked = { ...area, askedFrom: q.from, askedTo: q.to };
  const link = (params: Record<string, string | boolean | undefined>) => `${CASE_LIST_PATH}?${queryString(params)}`;
  const d = repos.disputes;
  const [byTypeStatus, nReceived, closings, mediations, nAgreed, nAid, nConsult, consultAreas, caseAreas] =
    await Promise.all([
      d.countByTypeStatus(scope, received),
      d.count(scope, received),
      d.closings(scope, closed),
      d.mediationStatuses(scope, received),
      d.count(scope, { ...received, mediated: true }),
      d.count(scope, { ...received, legalAid: true }),
      repos.disputeCentres.countConsultations(scope, asked),
      repos.disputeCentres.consultationsByAreaMonth(scope, asked),
      d.countByAreaMonth(scope, received),
    ]);
  const concluded = (mediations.get('agreed') ?? 0) + (mediations.get('failed') ?? 0) + (mediations.get('lapsed') ?? 0);
  const days = closings.map((c) => daysBetween(c.receivedOn, c.closedOn!));
  const monthRange = (month: string) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const from = `${month}-01` < q.from ? q.from : `${month}-01`;
    const to = `${month}-${String(last).padStart(2, '0')}` > q.to ? q.to : `${month}-${String(last).padStart(2, '0')}`;
    return { from, to };
  };
  return {
    from: q.from,
    to: q.to,
    byTypeStatus: byTypeStatus
      .filter((r) => (DISPUTE_TYPE_CODES as readonly string[]).includes(r.type))
      .filter((r) => (DISPUTE_STATUS_CODES as readonly string[]).includes(r.status))
      .map((r) => ({
        type: r.type as DisputeStatsView['byTypeStatus'][number]['type'],
        status: r.status as DisputeStatsView['byTypeStatus'][number]['status'],
        n: r.n,
        link: link({ ...received, type: r.type, status: r.status }),
      })),
    received: { n: nReceived, link: link(received) },
    closed: { n: closings.length, link: link(closed) },
    mediationsConcluded: concluded,
    mediationsAgreed: { n: nAgreed, link: link({ ...received, mediated: true }) },
    mediationSuccessRate: concluded > 0 ? (mediations.get('agreed') ?? 0) / concluded : null,
    avgDaysToClose: days.length ? Math.round((days.reduce((s, x) => s + x, 0) / days.length) * 10) / 10 : null,
    recoveredFen: closings.reduce((s, c) => s + (c.recoveredFen ?? 0), 0),
    withLegalAid: { n: nAid, link: link({ ...received, legalAid: true }) },
    consultations: { n: nConsult, link: `${CONSULTATION_LIST_PATH}?${queryString(asked)}` },
    consultationsByAreaMonth: consultAreas.map((r) => {
      const p = monthRange(r.month);
      return {
        ...r,
        link: `${CONSULTATION_LIST_PATH}?${queryString({ ...area, regionCode: r.regionCode, askedFrom: p.from, askedTo: p.to })}`,
      };
    }),
    casesByAreaMonth: caseAreas.map((r) => {
      const p = monthRange(r.month);
      return { ...r, link: link({ ...area, regionCode: r.regionCode, receivedFrom: p.from, receivedTo: p.to }) };
    }),
  };
}

/**
 * The staff home's 调裁诉援 card: to date, at the centres the caller reaches (null without
 * `dispute.read` or without any centre). Each figure is the count of the list its link opens, by the
 * same repository filter: received (/disputes), open by stage (?status=), closed (?status=closed),
 * overdue (?clock=overdue), agreed mediations (?mediated=1) over concluded ones, the amount recovered
 * on closed cases, legal aid granted (?legalAid=1), consultations (/disputes/consultations); and the
 * same per month (the lists' receivedFrom/To, closedFrom/To and askedFrom/To).
 */
export async function homeDisputeFigures(
  repos: ReposOf<'disputes' | 'disputeCentres'>,
  actor: Actor,
  today: string,
): Promise<DisputeHomeFigures | null> {
  if (!actor.permissions.has('dispute.read')) return null;
  const scope = disputeReadScope(actor);
  if (reachesNothing(scope) || (await repos.disputeCentres.list(scope)).length === 0) return null;
  const d = repos.disputes;
  const [types, received, stages, overdue, closings, mediations, agreed, aid, consultations, ...byMonth] =
    await Promise.all([
      d.countByTypeStatus(scope, {}),
      d.count(scope, {}),
      Promise.all(HOME_DISPUTE_STAGES.map((s) => d.count(scope, { status: s }))),
      d.count(scope, { clockDue: dueThresholds('overdue', today) }),
      d.closings(scope, {}),
      d.mediationStatuses(scope, {}),
      d.count(scope, { mediated: true }),
      d.count(scope, { legalAid: true }),
      repos.disputeCentres.countConsultations(scope, {}),
      d.countByAreaMonth(scope, {}),
      d.countByAreaMonth(scope, { mediated: true }),
      d.countByAreaMonth(scope, { legalAid: true }),
      repos.disputeCentres.consultationsByAreaMonth(scope, {}),
    ]);
  // The same rows per month (the repositories group by area and month: summed over the areas).
  const perMonth = (rows: { month: string; n: number }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.month, (m.get(r.month) ?? 0) + r.n);
    return m;
  };
  const [mReceived, mAgreed, mAid, mConsult] = byMonth.map(perMonth) as [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ];
  const mClosed = new Map<string, { n: number; fen: number }>();
  for (const c of closings) {
    const k = c.closedOn!.slice(0, 7);
    const x = mClosed.get(k) ?? { n: 0, fen: 0 };
    mClosed.set(k, { n: x.n + 1, fen: x.fen + (c.recoveredFen ?? 0) });
  }
  const months = [...new Set([...mReceived.keys(), ...mClosed.keys(), ...mConsult.keys()])]
    .sort()
    .slice(-DISPUTE_HOME_MONTHS)
    .reverse()
    .map((month) => ({
      month,
      from: `${month}-01`,
      to: lastDayOfMonth(month),
      received: mReceived.get(month) ?? 0,
      mediationsAgreed: mAgreed.get(month) ?? 0,
      withLegalAid: mAid.get(month) ?? 0,
      closed: mClosed.get(month)?.n ?? 0,
      recoveredFen: mClosed.get(month)?.fen ?? 0,
      consultations: mConsult.get(month) ?? 0,
    }));
  const concluded = (mediations.get('agreed') ?? 0) + (mediations.get('failed') ?? 0) + (mediations.get('lapsed') ?? 0);
  const areas = await homeDisputeAreas(repos, actor, scope, today);
  const byStage = Object.fromEntries(
    HOME_DISPUTE_STAGES.map((s, i) => [s, stages[i]!]),
  ) as DisputeHomeFigures['byStage'];
  const days = closings.map((c) => daysBetween(c.receivedOn, c.closedOn!));
  return {
    received,
    open: stages.reduce((a, b) => a + b, 0),
    byStage,
    byType: DISPUTE_TYPE_CODES.map((type) => ({
      type,
      n: types.filter((r) => r.type === type).reduce((n, r) => n + r.n, 0),
    })),
    closed: closings.length,
    avgDaysToClose: days.length ? Math.round((days.reduce((s, x) => s + x, 0) / days.length) * 10) / 10 : null,
    overdue,
    mediationsConcluded: concluded,
    mediationsAgreed: agreed,
    mediationSuccessRate: concluded > 0 ? (mediations.get('agreed') ?? 0) / concluded : null,
    recoveredFen: closings.reduce((s, c) => s + (c.recoveredFen ?? 0), 0),
    withLegalAid: aid,
    consultations,
    months,
    areas,
  };
}

/**
 * The card's rows per area (to date): the 社工部 directly below the staff member's organisations (a
 * city's counties), or the organisation itself when none is below it; the top organisations for the
 * administrator; none for a mediator (their centres are the card). Only areas with a centre in reach.
 * Each count is the list's own query grouped by the area's region — what the list's `orgId` filter
 * (the organisation's region and below) selects.
 */
async function homeDisputeAreas(
  repos: ReposOf<'disputes' | 'disputeCentres'>,
  actor: Actor,
  scope: DisputeScope,
  today: string,
): Promise<DisputeHomeFigures['areas']> {
  if (!actor.isAdmin && scope.regionOrgIds.length === 0) return [];
  const orgs = await repos.disputeCentres.homeAreas(actor.isAdmin ? null : scope.regionOrgIds);
  const codes = [...new Set(orgs.map((o) => o.regionCode))];
  const centres = await repos.disputeCentres.centresByArea(scope, codes);
  const served = orgs.filter((o) => (centres.get(o.regionCode) ?? 0) > 0);
  if (served.length === 0) return [];
  const inReach = [...new Set(served.map((o) => o.regionCode))];
  const d = repos.disputes;
  const [all, open, closed, overdue, agreed, aid, consultations] = await Promise.all([
    d.figuresByArea(scope, {}, inReach),
    d.figuresByArea(scope, { open: true }, inReach),
    d.figuresByArea(scope, { status: 'closed' }, inReach),
    d.figuresByArea(scope, { clockDue: dueThresholds('overdue', today) }, inReach),
    d.figuresByArea(scope, { mediated: true }, inReach),
    d.figuresByArea(scope, { legalAid: true }, inReach),
    repos.disputeCentres.consultationsByArea(scope, {}, inReach),
  ]);
  const n = (m: Map<string, { n: number }>, code: string) => m.get(code)?.n ?? 0;
  return served.map((o) => {
    const a = all.get(o.regionCode);
    return {
      orgId: o.orgId,
      name: o.name,
      regionCode: o.regionCode,
      centres: centres.get(o.regionCode) ?? 0,
      received: a?.n ?? 0,
      open: n(open, o.regionCode),
      closed: n(closed, o.regionCode),
      overdue: n(overdue, o.regionCode),
      mediationsConcluded: a?.concluded ?? 0,
      mediationsAgreed: n(agreed, o.regionCode),
      mediationSuccessRate: a && a.concluded > 0 ? a.agreed / a.concluded : null,
      recoveredFen: closed.get(o.regionCode)?.recoveredFen ?? 0,
      withLegalAid: n(aid, o.regionCode),
      consultations: consultations.get(o.regionCode) ?? 0,
    };
  });
}

/** The last business date of a month (`2025-02` → `2025-02-28`). */
function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
