import {
  DEFAULT_DEMAND_DAYS,
  type DemandActor,
  type DemandCategory,
  type DemandCreateBody,
  type DemandDetailView,
  type DemandEventKind,
  type DemandListQuery,
  type DemandNoteBody,
  type DemandPage,
  type DemandRateBody,
  type DemandRating,
  type DemandRerouteBody,
  type DemandResolveBody,
  type DemandRouteBody,
  type DemandRouteUpdateBody,
  type DemandRouteView,
  type DemandSource,
  type DemandStatsQuery,
  type DemandStatsView,
  type DemandStatus,
  type DemandStep,
  type DemandTransferBody,
  type DemandView,
  type DemandWorkflowEvent,
  type ChallengeStatus,
  OPEN_DEMAND_STATUSES,
  type DepartmentBody,
  type DepartmentUpdateBody,
  type DepartmentView,
  type FieldChange,
  type Page,
  type WorkCalendarBody,
  type VisitDemandItem,
  type VisitDemandSummary,
  type WorkCalendarView,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import { makeWorkCalendar, officialCalendarKnows, type WorkCalendar } from '../../core/workdays';
import type { ReposOf, Store } from '../../store';
import { NotificationsService } from '../notifications/notifications.service';
import {
  demandBoardPolicy,
  demandCreatePolicy,
  demandPolicy,
  demandReadScope,
  demandStaffScope,
  departmentPolicy,
  departmentReadScope,
  type DemandFacts,
  type DemandPolicyAction,
} from './demands.policy';
import type { DemandFilter, DemandRow, EvidenceRow, HostOrgFacts, RouteRow } from './demands.repository';
import { nextDemandStatus } from './demands.workflow';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type DemandsStore = Store<'audit' | 'demands' | 'notifications'>;
type DemandsRepos = DemandsStore['repos'];

const AUDITED = [
  'status',
  'leadDepartmentId',
  'signDueOn',
  'replyDueOn',
  'resolveDueOn',
  'acceptedAt',
  'firstReplyAt',
  'resolvedAt',
  'result',
  'amountGrantedFen',
  'rating',
  'ratedAt',
  'closedAt',
  'reopenedCount',
] as const;

/** The step whose deadline runs in a status. */
const STEP_OF: Partial<Record<DemandStatus, DemandStep>> = {
  received: 'sign',
  accepted: 'reply',
  in_progress: 'resolve',
};

interface Caller {
  departments: Set<string>;
  staffOver: (orgId: string) => Promise<boolean>;
  ownHostOrgIds: Set<string>;
}

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * Enterprise demands (诉求) tracked to resolution (接诉即办): routing to a lead department by the
 * routing table, the workflow (DEMAND_WORKFLOW, applied by demands.workflow.ts) with due dates in
 * working days (core/workdays.ts), a timeline of every step (demand_events) besides the audit log,
 * escalation of overdue steps and the figures. Also the departments, the routes and the calendar's
 * overrides the demands rely on.
 */
export class DemandsService {
  constructor(private readonly store: DemandsStore) {}

  /** The working-day calendar: the official one with the administrator's overrides. */
  static async calendar(repos: Pick<DemandsRepos, 'demands'>): Promise<WorkCalendar> {
    return makeWorkCalendar(await repos.demands.calendarOverrides());
  }

  // ——— calendar overrides (administrator) ———

  async calendarGet(_ctx: RequestContext, year: number): Promise<WorkCalendarView> {
    const days = await this.store.repos.demands.calendarYear(year);
    return {
      year,
      days: days.map((d) => ({ date: String(d.date), kind: d.kind as 'holiday' | 'workday', name: d.name })),
      builtIn: officialCalendarKnows(year),
    };
  }

  async calendarPut(ctx: RequestContext, year: number, body: WorkCalendarBody): Promise<WorkCalendarView> {
    const fields: Record<string, string> = {};
    const seen = new Set<string>();
    body.days.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`) || Number.isNaN(Date.parse(`${d.date}T00:00:00Z`)))
        fields[`days.${i}.date`] = 'invalid';
      else if (seen.has(d.date)) fields[`days.${i}.date`] = 'duplicate';
      seen.add(d.date);
    });
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    await this.store.tx(async (repos) => {
      const before = await repos.demands.calendarYear(year);
      await repos.demands.replaceCalendarYear(year, body.days, ctx.actor.userId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'work_calendar',
        entityId: String(year),
        entityLabel: `${year}`,
        changes: [
          {
            field: 'days',
            before: before.map((d) => `${String(d.date)} ${d.kind}`),
            after: body.days.map((d) => `${d.date} ${d.kind}`),
          },
        ],
      });
    });
    return this.calendarGet(ctx, year);
  }

  // ——— departments ———

  private async departmentViews(
    repos: DemandsRepos,
    ctx: RequestContext,
    rows: Awaited<ReturnType<DemandsRepos['demands']['listDepartments']>>['items'],
  ): Promise<DepartmentView[]> {
    const members = await repos.demands.membersOf(rows.map((r) => r.id));
    const staff = demandStaffScope(ctx.actor);
    const out: DepartmentView[] = [];
    for (const r of rows) {
      const inStaffScope = await repos.demands.orgInScope(staff, r.orgId);
      out.push({
        id: r.id,
        name: r.name,
        orgId: r.orgId,
        orgName: r.orgName,
        active: r.active,
        members: members.get(r.id) ?? [],
        version: r.version,
        abilities: departmentPolicy.abilities(ctx.actor, { inStaffScope }),
      });
    }
    return out;
  }

  async departments(
    ctx: RequestContext,
    f: { orgId?: string; active?: boolean; limit: number; cursor?: string },
  ): Promise<Page<DepartmentView>> {
    const repos = this.store.repos;
    const page = await repos.demands.listDepartments(departmentReadScope(ctx.actor), f);
    return { items: await this.departmentViews(repos, ctx, page.items), nextCursor: page.nextCursor };
  }

  async department(ctx: RequestContext, id: string): Promise<DepartmentView> {
    const repos = this.store.repos;
    const row = await repos.demands.getDepartment(departmentReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return (await this.departmentViews(repos, ctx, [row]))[0]!;
  }

  private async checkDepartment(repos: DemandsRepos, ctx: RequestContext, body: DepartmentBody) {
    departmentPolicy.authorize(ctx.actor, 'update', {
      inStaffScope: await repos.demands.orgInScope(demandStaffScope(ctx.actor), body.orgId),
    });
    const handlers = await repos.demands.handlersAmong(body.memberIds);
    const bad = body.memberIds.findIndex((id) => !handlers.has(id));
    if (bad >= 0) throw new AppError('VALIDATION_FAILED', { [`memberIds.${bad}`]: 'invalid' });
  }

  async createDepartment(ctx: RequestContext, body: DepartmentBody): Promise<DepartmentView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      await this.checkDepartment(repos, ctx, body);
      await repos.demands.insertDepartment({
        id,
        name: body.name,
        orgId: body.orgId,
        active: body.active,
        createdBy: ctx.actor.userId,
      });
      await repos.demands.setMembers(id, body.memberIds);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'department',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: body.orgId,
        changes: diffFields(null, body, ['name', 'orgId', 'active', 'memberIds']),
      });
    });
    return this.department(ctx, id);
  }

  async updateDepartment(ctx: RequestContext, id: string, body: DepartmentUpdateBody): Promise<DepartmentView> {
    await this.store.tx(async (repos) => {
      const before = await repos.demands.getDepartment(departmentReadScope(ctx.actor), id);
      if (!before) throw notFound();
      departmentPolicy.authorize(ctx.actor, 'update', {
        inStaffScope: await repos.demands.orgInScope(demandStaffScope(ctx.actor), before.orgId),
      });
      await this.checkDepartment(repos, ctx, body);
      const memberIds = (await repos.demands.membersOf([id])).get(id)?.map((m) => m.userId) ?? [];
      await repos.demands.updateDepartment(id, body.version, {
        name: body.name,
        orgId: body.orgId,
        active: body.active,
      });
      await repos.demands.setMembers(id, body.memberIds);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'department',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: body.orgId,
        changes: diffFields({ ...before, memberIds }, body, ['name', 'orgId', 'active', 'memberIds']),
      });
    });
    return this.department(ctx, id);
  }

  // ——— routes ———

  private async routeView(repos: DemandsRepos, ctx: RequestContext, r: RouteRow): Promise<DemandRouteView> {
    const inStaffScope = await repos.demands.orgInScope(demandStaffScope(ctx.actor), r.orgId);
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      category: r.category as DemandCategory,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      signDays: r.signDays,
      replyDays: r.replyDays,
      resolveDays: r.resolveDays,
      version: r.version,
      abilities: departmentPolicy.abilities(ctx.actor, { inStaffScope }),
    };
  }

  async routes(ctx: RequestContext, f: { orgId?: string; limit: number; cursor?: string }) {
    const repos = this.store.repos;
    const page = await repos.demands.listRoutes(departmentReadScope(ctx.actor), f);
    const items: DemandRouteView[] = [];
    for (const r of page.items) items.push(await this.routeView(repos, ctx, r));
    return { items, nextCursor: page.nextCursor };
  }

  private async route(ctx: RequestContext, id: string): Promise<DemandRouteView> {
    const repos = this.store.repos;
    const r = await repos.demands.getRoute(departmentReadScope(ctx.actor), id);
    if (!r) throw notFound();
    return this.routeView(repos, ctx, r);
  }

  private async checkRoute(repos: DemandsRepos, ctx: RequestContext, body: DemandRouteBody, exceptId?: string) {
    departmentPolicy.authorize(ctx.actor, 'update', {
      inStaffScope: await repos.demands.orgInScope(demandStaffScope(ctx.actor), body.orgId),
    });
    if (await repos.demands.routeExists(body.orgId, body.category, exceptId)) throw new AppError('DUPLICATE');
  }

  async createRoute(ctx: RequestContext, body: DemandRouteBody): Promise<DemandRouteView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      await this.checkRoute(repos, ctx, body);
      const row = { id, ...body, createdBy: ctx.actor.userId };
      await repos.demands.insertRoute(row);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'demand_route',
        entityId: id,
        entityLabel: body.category,
        scopeOrgId: body.orgId,
        changes: diffFields(null, body, ['orgId', 'category', 'departmentId', 'signDays', 'replyDays', 'resolveDays']),
      });
    });
    return this.route(ctx, id);
  }

  async updateRoute(ctx: RequestContext, id: string, body: DemandRouteUpdateBody): Promise<DemandRouteView> {
    await this.store.tx(async (repos) => {
      const before = await repos.demands.getRoute(departmentReadScope(ctx.actor), id);
      if (!before) throw notFound();
      departmentPolicy.authorize(ctx.actor, 'update', {
        inStaffScope: await repos.demands.orgInScope(demandStaffScope(ctx.actor), before.orgId),
      });
      await this.checkRoute(repos, ctx, body, id);
      const { version, ...patch } = body;
      await repos.demands.updateRoute(id, version, patch);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'demand_route',
        entityId: id,
        entityLabel: body.category,
        scopeOrgId: body.orgId,
        changes: diffFields(before, patch, [
          'orgId',
          'category',
          'departmentId',
          'signDays',
          'replyDays',
          'resolveDays',
        ]),
      });
    });
    return this.route(ctx, id);
  }

  // ——— demands: reading ———

  private async caller(repos: DemandsRepos, ctx: RequestContext): Promise<Caller> {
    const scope = demandReadScope(ctx.actor);
    const staff = demandStaffScope(ctx.actor);
    const cache = new Map<string, boolean>();
    return {
      departments: ctx.actor.permissions.has('demand.handle')
        ? await repos.demands.departmentsOfUser(ctx.actor.userId)
        : new Set(),
      ownHostOrgIds: new Set(scope.ownHostOrgIds),
      staffOver: async (orgId) => {
        if (!cache.has(orgId)) cache.set(orgId, await repos.demands.orgInScope(staff, orgId));
        return cache.get(orgId)!;
      },
    };
  }

  private async facts(caller: Caller, row: DemandRow, cal: WorkCalendar, today: string): Promise<DemandFacts> {
    return {
      status: row.status as DemandStatus,
      staffOver: await caller.staffOver(row.managingOrgId),
      leadHandler: row.leadDepartmentId !== null && caller.departments.has(row.leadDepartmentId),
      ownFirm: caller.ownHostOrgIds.has(row.hostOrgId),
      workdaysSinceResolved:
        row.status === 'resolved' && row.resolvedOn ? cal.workdaysBetween(String(row.resolvedOn), today) : 0,
    };
  }

  private static overdueStep(row: DemandRow, today: string): DemandStep | null {
    const step = STEP_OF[row.status as DemandStatus];
    if (!step) return null;
    const due = step === 'sign' ? row.signDueOn : step === 'reply' ? row.replyDueOn : row.resolveDueOn;
    return due !== null && String(due) < today ? step : null;
  }

  private async views(repos: DemandsRepos, ctx: RequestContext, rows: DemandRow[]): Promise<DemandView[]> {
    if (!rows.length) return [];
    const caller = await this.caller(repos, ctx);
    const cal = await DemandsService.calendar(repos);
    const today = shanghaiDate();
    const assists = await repos.demands.assistsOf(rows.map((r) => r.id));
    const out: DemandView[] = [];
    for (const r of rows) {
      const facts = await this.facts(caller, r, cal, today);
      out.push({
        id: r.id,
        hostOrgId: r.hostOrgId,
        hostOrgName: r.hostOrgName,
        hostOrgRegionCode: r.hostOrgRegionCode,
        category: r.category as DemandCategory,
        source: r.source as DemandSource,
        visitId: r.visitId,
        challengeId: r.challengeId,
        challenge:
          r.challengeId && r.challengeTitle
            ? { id: r.challengeId, title: r.challengeTitle, status: r.challengeStatus as ChallengeStatus }
            : null,
        title: r.title,
        description: r.description,
        amountAskedFen: r.amountAskedFen,
        amountGrantedFen: r.amountGrantedFen,
        status: r.status as DemandStatus,
        leadDepartment:
          r.leadDepartmentId && r.leadDepartmentName ? { id: r.leadDepartmentId, name: r.leadDepartmentName } : null,
        assistDepartments: assists.get(r.id) ?? [],
        receivedOn: String(r.receivedOn),
        signDueOn: r.signDueOn === null ? null : String(r.signDueOn),
        replyDueOn: r.replyDueOn === null ? null : String(r.replyDueOn),
        resolveDueOn: r.resolveDueOn === null ? null : String(r.resolveDueOn),
        acceptedAt: r.acceptedAt,
        firstReplyAt: r.firstReplyAt,
        resolvedAt: r.resolvedAt,
        result: r.result,
        ratedAt: r.ratedAt,
        rating: r.rating as DemandRating | null,
        closedAt: r.closedAt,
        reopenedCount: r.reopenedCount,
        escalatedAt: r.escalatedAt,
        overdueStep: DemandsService.overdueStep(r, today),
        createdAt: r.createdAt,
        version: r.version,
        abilities: [
          ...demandPolicy.abilities(ctx.actor, facts),
          ...demandBoardPolicy.abilities(ctx.actor, {
            status: facts.status,
            staffOver: facts.staffOver,
            onChallenge: r.challengeId !== null,
          }),
        ],
      });
    }
    return out;
  }

  async list(ctx: RequestContext, q: DemandListQuery): Promise<DemandPage> {
    const repos = this.store.repos;
    const page = await repos.demands.list(demandReadScope(ctx.actor), q, shanghaiDate());
    return { items: await this.views(repos, ctx, page.items), nextCursor: page.nextCursor };
  }

  async exportRows(ctx: RequestContext, q: DemandFilter): Promise<DemandView[]> {
    const repos = this.store.repos;
    return this.views(repos, ctx, await repos.demands.exportRows(demandReadScope(ctx.actor), q, shanghaiDate()));
  }

  /** The demands among `ids` the caller reads (the `demand` reference kind). */
  async visibleIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.demands.idsIn(demandReadScope(ctx.actor), ids);
  }

  async get(ctx: RequestContext, id: string): Promise<DemandDetailView> {
    const repos = this.store.repos;
    const row = await repos.demands.get(demandReadScope(ctx.actor), id);
    if (!row) throw notFound();
    const [view] = await this.views(repos, ctx, [row]);
    const events = await repos.demands.events(id);
    return {
      ...view!,
      timeline: events.map((e) => ({
        id: e.id,
        kind: e.kind as DemandEventKind,
        actorName: e.actorName,
        note: e.note,
        fromDepartmentName: e.fromDepartmentName,
        toDepartmentName: e.toDepartmentName,
        at: e.at,
      })),
    };
  }

  async stats(ctx: RequestContext, q: DemandStatsQuery): Promise<DemandStatsView> {
    const repos = this.store.repos;
    const scope = demandReadScope(ctx.actor);
    const today = shanghaiDate();
    const unassigned = ctx.locale === 'en' ? 'Not routed' : '未分办';
    const toRow = (r: Awaited<ReturnType<DemandsRepos['demands']['stats']>>[number]) => ({
      key: r.key,
      name: r.name || (q.groupBy === 'department' ? unassigned : r.key),
      total: r.total,
      signDue: r.signDue,
      signedOnTime: r.signedOnTime,
      resolved: r.resolved,
      rated: r.rated,
      satisfied: r.satisfied,
      responseRate: rate(r.signedOnTime, r.signDue),
      resolutionRate: rate(r.resolved, r.total),
      satisfactionRate: rate(r.satisfied, r.rated),
      meanHoursToFirstReply: round1(r.hoursToFirstReply),
      meanHoursToResolution: round1(r.hoursToResolution),
    });
    const rows = await repos.demands.stats(scope, q, today);
    const [total] = await repos.demands.stats(scope, { ...q, groupBy: null }, today);
    return {
      rows: rows.map(toRow).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
      total: { ...toRow(total!), key: '', name: ctx.locale === 'en' ? 'All' : '合计' },
    };
  }

  // ——— demands: writing ———

  private async routeFor(repos: DemandsRepos, managingOrgId: string, category: string, departmentId: string | null) {
    const route = await repos.demands.findRoute(managingOrgId, category);
    const days = route ?? DEFAULT_DEMAND_DAYS;
    const lead = departmentId ?? route?.departmentId ?? null;
    if (!lead) throw new AppError('DEMAND_NO_ROUTE');
    return { lead, signDays: days.signDays, replyDays: days.replyDays, resolveDays: days.resolveDays };
  }

  private static dues(
    cal: WorkCalendar,
    today: string,
    d: { signDays: number; replyDays: number; resolveDays: number },
  ) {
    return {
      signDueOn: cal.addWorkdays(today, d.signDays),
      replyDueOn: cal.addWorkdays(today, d.replyDays),
      resolveDueOn: cal.addWorkdays(today, d.resolveDays),
    };
  }

  /** Departments the staff member routes to must be active and in their (read) reach. */
  private async checkDepartments(repos: DemandsRepos, ctx: RequestContext, ids: readonly string[], field: string) {
    for (const [i, id] of ids.entries()) {
      const d = await repos.demands.getDepartment(departmentReadScope(ctx.actor), id);
      if (!d) throw notFound();
      if (!d.active) throw new AppError('VALIDATION_FAILED', { [ids.length > 1 ? `${field}.${i}` : field]: 'invalid' });
    }
  }

  private async notifyHandlers(repos: DemandsRepos, departmentIds: string[], row: { id: string; title: string }) {
    const users = await repos.demands.handlerIds(departmentIds);
    await NotificationsService.send(repos, users, {
      kind: 'demand_assigned',
      title: `收到企业诉求：${row.title}`,
      body: '请及时签收并办理。',
      link: `/demands?id=${row.id}`,
    });
  }

  async create(ctx: RequestContext, body: DemandCreateBody): Promise<DemandDetailView> {
    const id = await this.store.tx((repos) => this.createIn(repos, ctx, body));
    return this.get(ctx, id);
  }

  /**
   * Creates a demand in the caller's transaction (the visits service raises demands with the visit
   * it saves): the same rules as `create` — the firm in reach (specialist, staff over it or its
   * contact), departments named by staff only, a visit of the same firm — then routing and the
   * record. Returns its id.
   */
  async createIn(repos: DemandsRepos, ctx: RequestContext, body: DemandCreateBody): Promise<string> {
    const firm = await repos.demands.hostOrgFacts(body.hostOrgId);
    if (!firm) throw notFound();
    const staffOver = await repos.demands.orgInScope(demandStaffScope(ctx.actor), firm.managingOrgId);
    demandCreatePolicy.authorize(ctx.actor, 'create', {
      staffOver,
      specialist: firm.specialistUserId === ctx.actor.userId,
      ownFirm: demandReadScope(ctx.actor).ownHostOrgIds.includes(firm.id),
    });
    // Only staff name the lead and assisting departments; others get the route's.
    const override = staffOver && ctx.actor.permissions.has('demand.manage');
    if (!override && (body.leadDepartmentId || body.assistDepartmentIds.length)) throw new AppError('FORBIDDEN');
    if (body.leadDepartmentId) await this.checkDepartments(repos, ctx, [body.leadDepartmentId], 'leadDepartmentId');
    await this.checkDepartments(repos, ctx, body.assistDepartmentIds, 'assistDepartmentIds');
    // A demand raised by a visit names a visit of the same firm; a firm's online form is only the firm's.
    if (body.visitId && (await repos.demands.visitFirm(body.visitId)) !== firm.id)
      throw new AppError('VALIDATION_FAILED', { visitId: 'invalid' });
    if (body.source === 'online_visit') throw new AppError('VALIDATION_FAILED', { source: 'invalid' });
    return this.insertDemand(repos, auditCtx(ctx), firm, body);
  }

  /**
   * Demands the firm's contact lists on an online visit's form (no login: the link is the key). The
   * visits service calls this in the fill's transaction after it has claimed the link, so they are
   * created only with the fill, all or nothing; the firm and the visit come from the link, never
   * from the form. Routed by the routing table like any other demand.
   */
  async createFromOnlineVisit(
    repos: DemandsRepos,
    who: { ip: string | null; requestId: string; userName: string },
    visit: { id: string; hostOrgId: string },
    items: readonly VisitDemandItem[],
  ): Promise<string[]> {
    const firm = await repos.demands.hostOrgFacts(visit.hostOrgId);
    if (!firm) throw notFound();
    const ids: string[] = [];
    for (const item of items) {
      ids.push(
        await this.insertDemand(repos, { ...who, userId: null }, firm, {
          ...item,
          hostOrgId: firm.id,
          source: 'online_visit',
          visitId: visit.id,
          leadDepartmentId: null,
          assistDepartmentIds: [],
        }),
      );
    }
    return ids;
  }

  /** Routing, due dates, the record, its departments, timeline, audit entry and notifications. */
  private async insertDemand(
    repos: DemandsRepos,
    who: { userId: string | null; userName: string | null; ip: string | null; requestId: string },
    firm: HostOrgFacts,
    body: DemandCreateBody,
  ): Promise<string> {
    const id = newId();
    const routing = await this.routeFor(repos, firm.managingOrgId, body.category, body.leadDepartmentId);
    const cal = await DemandsService.calendar(repos);
    const today = shanghaiDate();
    const row = {
      id,
      hostOrgId: firm.id,
      category: body.category,
      source: body.source,
      visitId: body.visitId,
      challengeId: null,
      title: body.title,
      description: body.description,
      amountAskedFen: body.amountAskedFen,
      amountGrantedFen: null,
      status: 'received',
      leadDepartmentId: routing.lead,
      signDays: routing.signDays,
      replyDays: routing.replyDays,
      resolveDays: routing.resolveDays,
      receivedOn: today,
      ...DemandsService.dues(cal, today, routing),
      acceptedAt: null,
      acceptedOn: null,
      firstReplyAt: null,
      resolvedAt: null,
      resolvedOn: null,
      result: null,
      ratedAt: null,
      rating: null,
      closedAt: null,
      escalatedAt: null,
      escalatedStep: null,
      createdBy: who.userId,
    };
    await repos.demands.insert(row);
    const assists = body.assistDepartmentIds.filter((d) => d !== routing.lead);
    await repos.demands.addDepartments(id, [
      { departmentId: routing.lead, role: 'lead' },
      ...assists.map((departmentId) => ({ departmentId, role: 'assist' as const })),
    ]);
    await repos.demands.addEvent({ demandId: id, kind: 'create', actorId: who.userId, actorName: who.userName });
    await repos.demands.addEvent({
      demandId: id,
      kind: 'route',
      actorId: who.userId,
      actorName: who.userName,
      toDepartmentId: routing.lead,
    });
    await repos.audit.record(who, {
      action: 'create',
      entityType: 'demand',
      entityId: id,
      entityLabel: body.title,
      scopeOrgId: firm.managingOrgId,
      changes: diffFields(null, row, [
        'hostOrgId',
        'category',
        'source',
        'visitId',
        'title',
        'amountAskedFen',
        ...AUDITED,
      ]),
    });
    await this.notifyHandlers(repos, [routing.lead, ...assists], row);
    return id;
  }

  /** The demands raised by each visit that the caller reads (demand scope), oldest first. */
  async ofVisits(
    repos: Pick<DemandsRepos, 'demands'>,
    ctx: RequestContext,
    visitIds: readonly string[],
  ): Promise<Map<string, VisitDemandSummary[]>> {
    const out = new Map<string, VisitDemandSummary[]>();
    for (const r of await repos.demands.ofVisits(demandReadScope(ctx.actor), visitIds)) {
      const list = out.get(r.visitId) ?? [];
      list.push({
        id: r.id,
        title: r.title,
        category: r.category as DemandCategory,
        source: r.source as DemandSource,
        status: r.status as DemandStatus,
        receivedOn: String(r.receivedOn),
      });
      out.set(r.visitId, list);
    }
    return out;
  }

  /** Open demands (OPEN_DEMAND_STATUSES) per firm, in the caller's demand scope (the list's rule). */
  openCounts(
    repos: Pick<DemandsRepos, 'demands'>,
    ctx: RequestContext,
    hostOrgIds: readonly string[],
  ): Promise<Map<string, number>> {
    return repos.demands.openCounts(demandReadScope(ctx.actor), hostOrgIds);
  }

  /**
   * One workflow step: loads the demand in the caller's read scope (404 outside), checks the policy
   * (403 / the state's own code) and the workflow table, writes the patch under the version, adds the
   * timeline entry and the audit entry, all in one transaction.
   */
  private async step(
    ctx: RequestContext,
    id: string,
    version: number,
    action: DemandPolicyAction,
    as: DemandActor,
    build: (
      row: DemandRow,
      repos: DemandsRepos,
      cal: WorkCalendar,
      today: string,
    ) => Promise<{
      event: DemandWorkflowEvent;
      note?: string | null;
      patch: Record<string, unknown>;
      timeline: { kind: DemandEventKind; fromDepartmentId?: string | null; toDepartmentId?: string | null };
      after?: (repos: DemandsRepos) => Promise<void>;
    }>,
  ): Promise<DemandDetailView> {
    await this.store.tx(async (repos) => {
      const row = await repos.demands.get(demandReadScope(ctx.actor), id);
      if (!row) throw notFound();
      const cal = await DemandsService.calendar(repos);
      const today = shanghaiDate();
      const caller = await this.caller(repos, ctx);
      demandPolicy.authorize(ctx.actor, action, await this.facts(caller, row, cal, today));
      const s = await build(row, repos, cal, today);
      const status = nextDemandStatus(row.status as DemandStatus, s.event, [as], s.note);
      const patch = { ...s.patch, status };
      await repos.demands.update(id, version, patch);
      await repos.demands.addEvent({
        demandId: id,
        kind: s.timeline.kind,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        note: s.note ?? null,
        fromDepartmentId: s.timeline.fromDepartmentId ?? null,
        toDepartmentId: s.timeline.toDepartmentId ?? null,
      });
      const changes: FieldChange[] = diffFields(row, { ...row, ...patch }, AUDITED);
      if (s.note) changes.push({ field: 'note', before: null, after: s.note });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'demand',
        entityId: id,
        entityLabel: row.title,
        scopeOrgId: row.managingOrgId,
        changes,
      });
      await s.after?.(repos);
    });
    return this.get(ctx, id);
  }

  accept(ctx: RequestContext, id: string, body: { version: number }) {
    return this.step(ctx, id, body.version, 'accept', 'handler', async () => ({
      event: 'accept',
      patch: { acceptedAt: nowIso(), acceptedOn: shanghaiDate() },
      timeline: { kind: 'accept' },
    }));
  }

  reply(ctx: RequestContext, id: string, body: DemandNoteBody) {
    return this.step(ctx, id, body.version, 'reply', 'handler', async (row) => ({
      event: 'reply',
      note: body.note,
      patch: row.firstReplyAt ? {} : { firstReplyAt: nowIso() },
      timeline: { kind: 'reply' },
    }));
  }

  resolve(ctx: RequestContext, id: string, body: DemandResolveBody) {
    return this.step(ctx, id, body.version, 'resolve', 'handler', async (row) => ({
      event: 'resolve',
      note: body.note,
      patch: {
        resolvedAt: nowIso(),
        resolvedOn: shanghaiDate(),
        result: body.note,
        amountGrantedFen: body.amountGrantedFen ?? row.amountGrantedFen,
      },
      timeline: { kind: 'resolve' },
      after: async (repos) => {
        await NotificationsService.send(repos, await repos.demands.contactsOf(row.hostOrgId), {
          kind: 'demand_resolved',
          title: `诉求已办结：${row.title}`,
          body: '请对办理结果作出评价。',
          link: `/demands?id=${row.id}`,
        });
      },
    }));
  }

  /**
   * The enterprise's rating: satisfied / basic close the demand; unsatisfied reopens it once (back to
   * in progress, a new resolution deadline); a second unsatisfied closes it.
   */
  rate(ctx: RequestContext, id: string, body: DemandRateBody) {
    return this.step(ctx, id, body.version, 'rate', 'contact', async (row, _repos, cal, today) => {
      const reopen = body.rating === 'unsatisfied' && row.reopenedCount === 0;
      const rated = { rating: body.rating, ratedAt: nowIso() };
      if (reopen)
        return {
          event: 'reopen' as const,
          note: body.note,
          patch: {
            ...rated,
            reopenedCount: row.reopenedCount + 1,
            resolvedAt: null,
            resolvedOn: null,
            resolveDueOn: cal.addWorkdays(today, row.resolveDays),
            escalatedStep: null,
          },
          timeline: { kind: 'reopen' as const },
        };
      return {
        event: 'rate' as const,
        note: body.note,
        patch: { ...rated, closedAt: nowIso() },
        timeline: { kind: 'rate' as const },
      };
    });
  }

  /** 转办: the lead department hands the demand to another before resolution; it must be signed again. */
  transfer(ctx: RequestContext, id: string, body: DemandTransferBody) {
    return this.step(ctx, id, body.version, 'transfer', 'handler', async (row, repos, cal, today) => {
      if (body.departmentId === row.leadDepartmentId)
        throw new AppError('VALIDATION_FAILED', { departmentId: 'invalid' });
      const target = await repos.demands.getDepartment({ all: true }, body.departmentId);
      if (!target?.active) throw new AppError('VALIDATION_FAILED', { departmentId: 'invalid' });
      return {
        event: 'transfer',
        note: body.note,
        patch: {
          leadDepartmentId: body.departmentId,
          acceptedAt: null,
          acceptedOn: null,
          escalatedStep: null,
          ...DemandsService.dues(cal, today, row),
        },
        timeline: { kind: 'transfer', fromDepartmentId: row.leadDepartmentId, toDepartmentId: body.departmentId },
        after: async (r) => {
          await r.demands.endDepartments(id, 'lead');
          await r.demands.addDepartments(id, [{ departmentId: body.departmentId, role: 'lead' }]);
          await this.notifyHandlers(r, [body.departmentId], row);
        },
      };
    });
  }

  /** 退回: the handler sends the demand back to staff, who route it again. */
  return(ctx: RequestContext, id: string, body: DemandNoteBody) {
    return this.step(ctx, id, body.version, 'return', 'handler', async (row) => ({
      event: 'return',
      note: body.note,
      patch: { acceptedAt: null, acceptedOn: null, escalatedStep: null },
      timeline: { kind: 'return', fromDepartmentId: row.leadDepartmentId },
      after: async (repos) => {
        await NotificationsService.send(repos, await repos.demands.staffOver(row.managingOrgId), {
          kind: 'demand_returned',
          title: `诉求被退回：${row.title}`,
          body: body.note,
          link: `/demands?id=${row.id}`,
        });
      },
    }));
  }

  /** Staff name the lead (and assisting) departments again: a returned demand, or one not yet signed. */
  reroute(ctx: RequestContext, id: string, body: DemandRerouteBody) {
    return this.step(ctx, id, body.version, 'reroute', 'staff', async (row, repos, cal, today) => {
      await this.checkDepartments(repos, ctx, [body.departmentId], 'departmentId');
      await this.checkDepartments(repos, ctx, body.assistDepartmentIds, 'assistDepartmentIds');
      const assists = body.assistDepartmentIds.filter((d) => d !== body.departmentId);
      return {
        event: 'reroute',
        note: body.note,
        patch: {
          leadDepartmentId: body.departmentId,
          acceptedAt: null,
          acceptedOn: null,
          escalatedStep: null,
          ...DemandsService.dues(cal, today, row),
        },
        timeline: { kind: 'reroute', fromDepartmentId: row.leadDepartmentId, toDepartmentId: body.departmentId },
        after: async (r) => {
          await r.demands.endDepartments(id, 'lead');
          await r.demands.endDepartments(id, 'assist');
          await r.demands.addDepartments(id, [
            { departmentId: body.departmentId, role: 'lead' },
            ...assists.map((departmentId) => ({ departmentId, role: 'assist' as const })),
          ]);
          await this.notifyHandlers(r, [body.departmentId, ...assists], row);
        },
      };
    });
  }

  /** Staff close a resolved demand the enterprise has not rated within UNRATED_CLOSE_WORKDAYS. */
  close(ctx: RequestContext, id: string, body: { version: number }) {
    return this.step(ctx, id, body.version, 'close', 'staff', async () => ({
      event: 'close',
      patch: { closedAt: nowIso() },
      timeline: { kind: 'close' },
    }));
  }

  // ——— the challenge board (揭榜) ———

  /**
   * Posts demands as the evidence of a challenge, inside the challenges service's transaction (it has
   * checked the caller writes the campaign's board and written the challenge): each demand must be
   * one the caller manages (staff over the firm, else 403), not yet resolved (DEMAND_NOT_OPEN), on no
   * challenge yet (DEMAND_ON_CHALLENGE), and all of one county (the nearest 社工部 node over their
   * firms) lying under the campaign's node (DEMANDS_MIXED_COUNTY). Each gets a timeline entry and an
   * audit entry. Returns the demands' titles.
   */
  async postToBoardIn(
    repos: ReposOf<'audit' | 'demands'>,
    ctx: RequestContext,
    demandIds: readonly string[],
    challenge: { id: string; title: string; campaignOrgId: string },
  ): Promise<string[]> {
    const ids = [...new Set(demandIds)];
    const rows = await repos.demands.boardCandidates(ids);
    if (rows.length !== ids.length) throw notFound();
    const staff = demandStaffScope(ctx.actor);
    for (const r of rows) {
      const staffOver = await repos.demands.orgInScope(staff, r.managingOrgId);
      demandBoardPolicy.authorize(ctx.actor, 'post_to_board', {
        status: r.status as DemandStatus,
        staffOver,
        onChallenge: false,
      });
      if (r.challengeId) throw new AppError('DEMAND_ON_CHALLENGE', { demandIds: 'invalid' });
    }
    const counties = new Set(rows.map((r) => r.countyOrgId));
    const [county] = counties;
    if (
      counties.size !== 1 ||
      !county ||
      !(await repos.demands.orgInScope({ all: false, orgIds: [challenge.campaignOrgId] }, county))
    )
      throw new AppError('DEMANDS_MIXED_COUNTY', { demandIds: 'invalid' });
    await repos.demands.linkChallenge(ids, challenge.id);
    for (const r of rows) {
      await repos.demands.addEvent({
        demandId: r.id,
        kind: 'board',
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        note: challenge.title,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'demand',
        entityId: r.id,
        entityLabel: r.title,
        scopeOrgId: r.managingOrgId,
        changes: [
          { field: 'challengeId', before: null, after: challenge.id },
          { field: 'challengeTitle', before: null, after: challenge.title },
        ],
      });
    }
    return rows.map((r) => r.title);
  }

  /**
   * The evidence demands of challenges for the caller: how many back each, and those the caller
   * reads (demands.policy); a caller who cannot see a demand sees it only in the count.
   */
  async evidenceIn(
    repos: ReposOf<'demands'>,
    ctx: RequestContext,
    challengeIds: readonly string[],
  ): Promise<Map<string, { total: number; items: Omit<EvidenceRow, 'challengeId'>[] }>> {
    const out = new Map<string, { total: number; items: Omit<EvidenceRow, 'challengeId'>[] }>();
    const counts = await repos.demands.evidenceCounts(challengeIds);
    const visible = counts.size ? await repos.demands.evidenceIn(demandReadScope(ctx.actor), [...counts.keys()]) : [];
    for (const id of challengeIds) out.set(id, { total: counts.get(id) ?? 0, items: [] });
    for (const { challengeId, ...item } of visible) out.get(challengeId)?.items.push(item);
    return out;
  }

  /**
   * The project that claimed a challenge was completed (the challenge is solved): its evidence
   * demands not yet resolved move to resolved (DEMAND_WORKFLOW `project_resolve`, fired by the
   * system) with a timeline entry naming the project, an audit entry and the contacts' notice to rate
   * them, in the completion's transaction. Idempotent: resolved or closed demands are left alone.
   */
  static async resolveByProjectIn(
    repos: DemandsRepos,
    ctx: RequestContext,
    p: {
      challengeId: string;
      projectCode: string | null;
      projectTitle: string;
      orgName: string | null;
      summary: string;
    },
  ): Promise<string[]> {
    const done: string[] = [];
    const project = `${p.projectCode ? `${p.projectCode} ` : ''}「${p.projectTitle}」${p.orgName ? `（${p.orgName}）` : ''}`;
    const result = `揭榜项目 ${project} 结项：${p.summary}`.slice(0, 2000);
    for (const row of await repos.demands.openOnChallenge(p.challengeId, OPEN_DEMAND_STATUSES)) {
      const status = nextDemandStatus(row.status as DemandStatus, 'project_resolve', ['system']);
      const patch = { status, resolvedAt: nowIso(), resolvedOn: shanghaiDate(), result, escalatedStep: null };
      await repos.demands.update(row.id, row.version, patch);
      await repos.demands.addEvent({
        demandId: row.id,
        kind: 'project_resolve',
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        note: project,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'demand',
        entityId: row.id,
        entityLabel: row.title,
        scopeOrgId: row.managingOrgId,
        changes: diffFields(row, { ...row, ...patch }, AUDITED),
      });
      await NotificationsService.send(repos, await repos.demands.contactsOf(row.hostOrgId), {
        kind: 'demand_resolved',
        title: `诉求已办结：${row.title}`,
        body: `由揭榜项目 ${project} 解决，请对办理结果作出评价。`,
        link: `/demands?id=${row.id}`,
      });
      done.push(row.id);
    }
    return done;
  }

  /**
   * Escalation (to be scheduled on the job queue): every demand whose current step is past its due
   * date is marked `escalated_at` once per step, gets an `escalate` timeline entry and an audit
   * entry, and the 社工部 staff over its firm and the firm's leader contact (联系领导,
   * host_orgs.leader_contact_user_id) are notified; the leader's escalation is a timeline entry of its
   * own (已提级至联系领导 X). Idempotent: a second run the same day changes nothing. Returns the ids escalated.
   */
  async escalateOverdue(now: Date): Promise<string[]> {
    const today = shanghaiDate(now);
    const at = now.toISOString();
    return this.store.tx(async (repos) => {
      const done: string[] = [];
      for (const row of await repos.demands.overdue(today)) {
        const step = DemandsService.overdueStep(row, today);
        if (!step || !(await repos.demands.markEscalated(row.id, step, at))) continue;
        done.push(row.id);
        await repos.demands.addEvent({
          demandId: row.id,
          kind: 'escalate',
          actorId: null,
          actorName: null,
          note: step,
        });
        await repos.audit.record(
          { userId: null, userName: null, ip: null, requestId: 'escalate-overdue' },
          {
            action: 'update',
            entityType: 'demand',
            entityId: row.id,
            entityLabel: row.title,
            scopeOrgId: row.managingOrgId,
            changes: [{ field: 'escalatedAt', before: row.escalatedAt, after: at }],
          },
        );
        // The 社工部 staff over the firm and the firm's leader contact (联系领导), once per step each.
        const leader = row.leaderContactUserId;
        await NotificationsService.send(
          repos,
          [...(await repos.demands.staffOver(row.managingOrgId)), ...(leader ? [leader] : [])],
          {
            kind: 'demand_overdue',
            title: `诉求办理超期：${row.title}`,
            body: `${row.hostOrgName} · ${row.leadDepartmentName ?? ''}`,
            link: `/demands?id=${row.id}`,
            dedupeKey: `demand-overdue:${row.id}:${step}:${row.reopenedCount}`,
          },
        );
        if (leader)
          await repos.demands.addEvent({
            demandId: row.id,
            kind: 'escalate_leader',
            actorId: null,
            actorName: null,
            note: row.leaderContactName,
          });
      }
      return done;
    });
  }
}
