import {
  INDUSTRIES,
  type AssignmentKind,
  type AssignmentView,
  type CoverageQuery,
  type CoverageReport,
  type CoverageRow,
  type CrossPostCreateBody,
  type CrossPostUpdateBody,
  type CrossPostView,
  type PartyMemberCreateBody,
  type PartyMemberUpdateBody,
  type PartyMemberView,
  HOST_ORG_TYPE_CATEGORY,
  type HostOrgCreateBody,
  type HostOrgListQuery,
  type HostOrgUpdateBody,
  type HostOrgListItem,
  type HostOrgView,
  type Page,
} from '@touyan/schemas';
import type { Actor, RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../store';
import {
  ALL_HOST_ORGS,
  hostOrgPolicy,
  hostOrgReadScope,
  hostOrgUpdateScope,
  hostOrgWriteScope,
} from './host-orgs.policy';
import type {
  AssignmentRow,
  CoverageCounts,
  CrossPostRow,
  HostOrgListRow,
  HostOrgRow,
  HostOrgWrite,
  PartyMemberRow,
} from './host-orgs.repository';
import { shanghaiDate } from '../../core/time';
import { deriveLedger } from './host-orgs.ledger';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
/** `demands`: a firm's move to another managing organisation moves its demands in the dashboard's summary (issue 15). */
export type HostOrgsStore = Store<'audit' | 'demands' | 'hostOrgs' | 'instructors' | 'partyOrgs' | 'regions' | 'users'>;
type HostOrgsRepos = HostOrgsStore['repos'];

/** Audited as users read them: names rather than the ids behind them. */
const AUDITED = [
  'name',
  'creditCode',
  'type',
  'industry',
  'sizeClass',
  'regionName',
  'park',
  'address',
  'staffCount',
  'partyMemberCount',
  'managingOrgName',
  'partyOrgName',
  'instructorName',
  'specialistName',
  'coverageStatus',
  'orgCoverageKind',
  'orgFormedOn',
  'notFormedReason',
  'notFormedNote',
  'liaisonName',
  'workCoveredSince',
  'hasFixedPremises',
  'operatingNormally',
  'threeHas',
  'leaderContactName',
] as const;
const CROSS_POST_AUDITED = ['personName', 'partyPost', 'managementPost', 'since', 'until'] as const;
const PARTY_MEMBER_AUDITED = ['name', 'position', 'partyPost', 'shownSince', 'note'] as const;

/** Who holds each assignment on a stored record: id (null for a liaison) and display name. */
const ASSIGNED: Record<AssignmentKind, (r: HostOrgRow) => { id: string | null; name: string | null }> = {
  instructor: (r) => ({ id: r.instructorId, name: r.instructorName }),
  liaison: (r) => ({ id: null, name: r.liaisonName }),
  specialist: (r) => ({ id: r.specialistUserId, name: r.specialistName }),
  leader_contact: (r) => ({ id: r.leaderContactUserId, name: r.leaderContactName }),
};

const rate = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 10000) / 10000 : null);

function crossPostView(r: CrossPostRow): CrossPostView {
  return {
    id: r.id,
    hostOrgId: r.hostOrgId,
    personName: r.personName,
    partyPost: r.partyPost,
    managementPost: r.managementPost,
    since: r.since,
    until: r.until,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
function partyMemberView(r: PartyMemberRow): PartyMemberView {
  return {
    id: r.id,
    hostOrgId: r.hostOrgId,
    name: r.name,
    position: r.position,
    partyPost: r.partyPost,
    shownSince: r.shownSince,
    note: r.note,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
function assignmentView(r: AssignmentRow): AssignmentView {
  return {
    id: r.id,
    kind: r.kind as AssignmentKind,
    personId: r.personId,
    personName: r.personName,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    assignedBy: r.assignedBy,
    assignedByName: r.assignedByName,
    reason: r.reason,
    createdAt: r.createdAt,
  };
}

export class HostOrgsService {
  constructor(private readonly store: HostOrgsStore) {}

  /** A row of the list (schemas `hostOrgListItem`): the table's columns and the row's abilities. */
  private toListItem(actor: Actor, row: HostOrgListRow): HostOrgListItem {
    return {
      id: row.id,
      name: row.name,
      creditCode: row.creditCode,
      category: row.category as HostOrgView['category'],
      type: row.type as HostOrgView['type'],
      industry: row.industry as HostOrgView['industry'],
      sizeClass: row.sizeClass as HostOrgView['sizeClass'],
      regionCode: row.regionCode,
      regionName: row.regionName,
      staffCount: row.staffCount,
      partyMemberCount: row.partyMemberCount,
      coverageStatus: row.coverageStatus as HostOrgView['coverageStatus'],
      partyOrgName: row.partyOrgName,
      instructorName: row.instructorName,
      abilities: hostOrgPolicy.abilities(actor, { managingInWriteScope: row.managingWritable === 1 }),
    };
  }

  /** The whole record: the list row's fields and the rest of the ledger. */
  private toView(actor: Actor, row: HostOrgRow): HostOrgView {
    return {
      ...this.toListItem(actor, row),
      park: row.park,
      address: row.address,
      managingOrgId: row.managingOrgId,
      managingOrgName: row.managingOrgName,
      partyOrgId: row.partyOrgId,
      instructorId: row.instructorId,
      specialistUserId: row.specialistUserId,
      specialistName: row.specialistName,
      orgCoverageKind: row.orgCoverageKind as HostOrgView['orgCoverageKind'],
      orgFormedOn: row.orgFormedOn,
      notFormedReason: row.notFormedReason as HostOrgView['notFormedReason'],
      notFormedNote: row.notFormedNote,
      liaisonName: row.liaisonName,
      workCoveredSince: row.workCoveredSince,
      hasFixedPremises: row.hasFixedPremises === 1,
      operatingNormally: row.operatingNormally === 1,
      threeHas: row.threeHas === 1,
      leaderContactUserId: row.leaderContactUserId,
      leaderContactName: row.leaderContactName,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async list(ctx: RequestContext, q: HostOrgListQuery): Promise<Page<HostOrgListItem>> {
    const scope = hostOrgReadScope(ctx.actor);
    const repo = this.store.repos.hostOrgs;
    // The rows carry whether the caller may update them (`managingWritable`): one statement per page.
    const [{ items: rows, nextCursor }, total] = await Promise.all([
      repo.list(scope, q, hostOrgUpdateScope(ctx.actor)),
      q.withTotal ? repo.count(scope, q) : Promise.resolve(undefined),
    ]);
    return {
      items: rows.map((r) => this.toListItem(ctx.actor, r)),
      nextCursor,
      ...(total !== undefined ? { total } : {}),
    };
  }

  async parks(ctx: RequestContext): Promise<{ items: string[] }> {
    return { items: await this.store.repos.hostOrgs.parks(hostOrgReadScope(ctx.actor)) };
  }

  async get(ctx: RequestContext, id: string): Promise<HostOrgView> {
    const row = await this.store.repos.hostOrgs.get(hostOrgReadScope(ctx.actor), id, hostOrgUpdateScope(ctx.actor));
    if (!row) throw notFound();
    return this.toView(ctx.actor, row);
  }

  /** Checks every reference against the caller's write scope and derives category and coverage. */
  private async toWrite(
    ctx: RequestContext,
    repos: HostOrgsRepos,
    body: HostOrgCreateBody,
    before?: HostOrgRow,
  ): Promise<HostOrgWrite> {
    const selfId = before?.id;
    const ws = hostOrgWriteScope(ctx.actor).subtree;
    const fields: Record<string, string> = {};
    if (!(await repos.regions.get(body.regionCode))) fields.regionCode = 'invalid';
    if (!(await repos.partyOrgs.inScope(ws, body.managingOrgId))) fields.managingOrgId = 'invalid';
    if (body.partyOrgId && !(await repos.partyOrgs.inScope(ws, body.partyOrgId))) fields.partyOrgId = 'invalid';
    if (body.instructorId && !(await repos.instructors.exists(body.instructorId))) fields.instructorId = 'invalid';
    if (body.specialistUserId && !(await repos.users.hasRole(body.specialistUserId, 'specialist'))) {
      fields.specialistUserId = 'invalid';
    }
    // The ledger (two coverages, 三有): one derivation for the form and the import (host-orgs.ledger.ts).
    const { ledger, problems } = deriveLedger(body, before ?? null);
    for (const p of problems) fields[p.field] = p.code;
    const { leaderContactUserId } = ledger;
    if (leaderContactUserId && !(await repos.users.exists(leaderContactUserId))) fields.leaderContactUserId = 'invalid';
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    const existing = await repos.hostOrgs.idByCreditCode(body.creditCode);
    if (existing && existing !== selfId)
      throw new AppError('CREDIT_CODE_DUPLICATE', { creditCode: 'credit_code_duplicate' });
    return {
      name: body.name,
      creditCode: body.creditCode,
      category: HOST_ORG_TYPE_CATEGORY[body.type],
      type: body.type,
      industry: body.industry,
      sizeClass: body.sizeClass,
      regionCode: body.regionCode,
      park: body.park,
      address: body.address,
      staffCount: body.staffCount,
      partyMemberCount: body.partyMemberCount,
      managingOrgId: body.managingOrgId,
      partyOrgId: body.partyOrgId,
      instructorId: body.instructorId,
      specialistUserId: body.specialistUserId,
      ...ledger,
    };
  }

  async create(ctx: RequestContext, body: HostOrgCreateBody): Promise<HostOrgView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const row = await this.toWrite(ctx, repos, body);
      await repos.hostOrgs.insert(id, row, ctx.actor.userId);
      const after = await repos.hostOrgs.get(ALL_HOST_ORGS, id);
      await this.recordAssignments(ctx, repos, id, null, after!, body.assignmentReason ?? null);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'host_org',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: diffFields(null, after ?? null, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: HostOrgUpdateBody): Promise<HostOrgView> {
    await this.store.tx(async (repos) => {
      const before = await repos.hostOrgs.get(hostOrgWriteScope(ctx.actor), id);
      if (!before) throw notFound();
      const row = await this.toWrite(ctx, repos, body, before);
      await repos.hostOrgs.update(id, body.version, row);
      await repos.demands.moveHostOrgInSummary(id, before.managingOrgId, row.managingOrgId);
      const after = await repos.hostOrgs.get(ALL_HOST_ORGS, id);
      await this.recordAssignments(ctx, repos, id, before, after!, body.assignmentReason ?? null);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'host_org',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: diffFields(before, after ?? null, AUDITED),
      });
    });
    return this.get(ctx, id);
  }

  /**
   * The assignment history follows the record: for each kind whose holder changed, the open row is
   * closed today and, when someone new holds it, a row opens today (same transaction as the change).
   */
  private async recordAssignments(
    ctx: RequestContext,
    repos: HostOrgsRepos,
    hostOrgId: string,
    before: HostOrgRow | null,
    after: HostOrgRow,
    reason: string | null,
  ) {
    const today = shanghaiDate();
    for (const kind of Object.keys(ASSIGNED) as AssignmentKind[]) {
      const was = before ? ASSIGNED[kind](before) : { id: null, name: null };
      const now = ASSIGNED[kind](after);
      const same = kind === 'liaison' ? was.name === now.name : was.id === now.id;
      if (same) continue;
      if (before) await repos.hostOrgs.closeAssignment(hostOrgId, kind, today);
      if (now.name) {
        await repos.hostOrgs.openAssignment(newId(), {
          hostOrgId,
          kind,
          personId: now.id,
          personName: now.name,
          startedOn: today,
          assignedBy: ctx.actor.userId,
          reason,
        });
      }
    }
  }

  /** The record in the caller's read scope (else 404), and whether they may change it (facts for the policy). */
  private async readable(ctx: RequestContext, repos: HostOrgsRepos, id: string) {
    const row = await repos.hostOrgs.get(hostOrgReadScope(ctx.actor), id, hostOrgUpdateScope(ctx.actor));
    if (!row) throw notFound();
    return { row, managingInWriteScope: row.managingWritable === 1 };
  }
  /** A ledger change: the organisation must be readable (404) and writable (403). */
  private async writable(ctx: RequestContext, repos: HostOrgsRepos, id: string) {
    const { row, managingInWriteScope } = await this.readable(ctx, repos, id);
    hostOrgPolicy.authorize(ctx.actor, 'update', { managingInWriteScope });
    return row;
  }

  async coverage(ctx: RequestContext, q: CoverageQuery): Promise<CoverageReport> {
    const lang = ctx.locale;
    const scope = hostOrgReadScope(ctx.actor);
    const repos = this.store.repos;
    const region = q.regionCode ? await repos.regions.get(q.regionCode) : undefined;
    if (q.regionCode && !region) throw new AppError('VALIDATION_FAILED', { regionCode: 'invalid' });
    const regionCode = q.regionCode ?? null;
    const counts =
      q.groupBy === 'region'
        ? await repos.hostOrgs.coverage(scope, { by: 'region', level: region ? region.level + 1 : 3, regionCode })
        : await repos.hostOrgs.coverage(scope, { by: q.groupBy, regionCode });
    const base = regionCode ? { regionCode } : {};
    const suffix = lang === 'en' ? ' (itself)' : '（本级）';
    const rows = counts.map((c): CoverageRow => {
      if (q.groupBy === 'region') {
        const key = c.key ?? '';
        return figures(c, {
          key: c.direct ? `${key}!` : key,
          label: c.direct ? `${c.label ?? key}${suffix}` : (c.label ?? key),
          filter: c.direct ? { regionCode: key, regionExact: '1' } : { regionCode: key },
          drillable: !c.direct && (c.level ?? 4) < 4,
        });
      }
      if (q.groupBy === 'park') {
        return figures(c, {
          key: c.key ?? '',
          label: c.key ?? (lang === 'en' ? 'Outside parks' : '未入园区'),
          filter: c.key ? { ...base, park: c.key } : { ...base, parkNone: '1' },
          drillable: false,
        });
      }
      const industry = c.key as keyof typeof INDUSTRIES;
      return figures(c, {
        key: industry,
        label: INDUSTRIES[industry]?.[lang] ?? industry,
        filter: { ...base, industry },
        drillable: false,
      });
    });
    const sum = (k: keyof CoverageCounts) => counts.reduce((n, c) => n + (c[k] as number), 0);
    const total = figures(
      {
        total: sum('total'),
        orgCoveredOwn: sum('orgCoveredOwn'),
        orgCoveredJoint: sum('orgCoveredJoint'),
        workCoveredOnly: sum('workCoveredOnly'),
        uncovered: sum('uncovered'),
        threeHasTotal: sum('threeHasTotal'),
        threeHasUncovered: sum('threeHasUncovered'),
      },
      { key: '', label: lang === 'en' ? 'Total' : '合计', filter: base, drillable: false },
    );
    return { groupBy: q.groupBy, regionCode, regionName: region?.name ?? null, rows, total };
  }

  async crossPosts(ctx: RequestContext, id: string): Promise<{ items: CrossPostView[] }> {
    await this.readable(ctx, this.store.repos, id);
    return { items: (await this.store.repos.hostOrgs.crossPosts(id)).map(crossPostView) };
  }
  async createCrossPost(ctx: RequestContext, id: string, body: CrossPostCreateBody): Promise<CrossPostView> {
    return this.store.tx(async (repos) => {
      const org = await this.writable(ctx, repos, id);
      if (body.until && body.until < body.since) throw new AppError('VALIDATION_FAILED', { until: 'invalid' });
      const itemId = newId();
      await repos.hostOrgs.insertCrossPost(itemId, id, body, ctx.actor.userId);
      const after = (await repos.hostOrgs.crossPost(id, itemId))!;
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'host_org_cross_post',
        entityId: itemId,
        entityLabel: `${org.name} · ${body.personName}`,
        scopeOrgId: org.managingOrgId,
        changes: diffFields(null, after, CROSS_POST_AUDITED),
      });
      return crossPostView(after);
    });
  }
  async updateCrossPost(
    ctx: RequestContext,
    id: string,
    itemId: string,
    body: CrossPostUpdateBody,
  ): Promise<CrossPostView> {
    return this.store.tx(async (repos) => {
      const org = await this.writable(ctx, repos, id);
      const before = await repos.hostOrgs.crossPost(id, itemId);
      if (!before) throw notFound();
      if (body.until && body.until < body.since) throw new AppError('VALIDATION_FAILED', { until: 'invalid' });
      const { version, ...row } = body;
      await repos.hostOrgs.updateCrossPost(itemId, version, row);
      const after = (await repos.hostOrgs.crossPost(id, itemId))!;
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'host_org_cross_post',
        entityId: itemId,
        entityLabel: `${org.name} · ${after.personName}`,
        scopeOrgId: org.managingOrgId,
        changes: diffFields(before, after, CROSS_POST_AUDITED),
      });
      return crossPostView(after);
    });
  }
  async deleteCrossPost(ctx: RequestContext, id: string, itemId: string): Promise<{ ok: true }> {
    await this.store.tx(async (repos) => {
      const org = await this.writable(ctx, repos, id);
      const before = await repos.hostOrgs.crossPost(id, itemId);
      if (!before) throw notFound();
      await repos.hostOrgs.deleteCrossPost(itemId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'delete',
        entityType: 'host_org_cross_post',
        entityId: itemId,
        entityLabel: `${org.name} · ${before.personName}`,
        scopeOrgId: org.managingOrgId,
        changes: diffFields(before, null, CROSS_POST_AUDITED),
      });
    });
    return { ok: true };
  }

  async partyMembers(ctx: RequestContext, id: string): Promise<{ items: PartyMemberView[] }> {
    await this.readable(ctx, this.store.repos, id);
    return { items: (await this.store.repos.hostOrgs.partyMembers(id)).map(partyMemberView) };
  }
  async createPartyMember(ctx: RequestContext, id: string, body: PartyMemberCreateBody): Promise<PartyMemberView> {
    return this.store.tx(async (repos) => {
      const org = await this.writable(ctx, repos, id);
      const itemId = newId();
      await repos.hostOrgs.insertPartyMember(itemId, id, body, ctx.actor.userId);
      const after = (await repos.hostOrgs.partyMember(id, itemId))!;
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'host_org_party_member',
        entityId: itemId,
        entityLabel: `${org.name} · ${body.name}`,
        scopeOrgId: org.managingOrgId,
        changes: diffFields(null, after, PARTY_MEMBER_AUDITED),
      });
      return partyMemberView(after);
    });
  }
  async updatePartyMember(
    ctx: RequestContext,
    id: string,
    itemId: string,
    body: PartyMemberUpdateBody,
  ): Promise<PartyMemberView> {
    return this.store.tx(async (repos) => {
      const org = await this.writable(ctx, repos, id);
      const before = await repos.hostOrgs.partyMember(id, itemId);
      if (!before) throw notFound();
      const { version, ...row } = body;
      await repos.hostOrgs.updatePartyMember(itemId, version, row);
      const after = (await repos.hostOrgs.partyMember(id, itemId))!;
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'host_org_party_member',
        entityId: itemId,
        entityLabel: `${org.name} · ${after.name}`,
        scopeOrgId: org.managingOrgId,
        changes: diffFields(before, after, PARTY_MEMBER_AUDITED),
      });
      return partyMemberView(after);
    });
  }
  async deletePartyMember(ctx: RequestContext, id: string, itemId: string): Promise<{ ok: true }> {
    await this.store.tx(async (repos) => {
      const org = await this.writable(ctx, repos, id);
      const before = await repos.hostOrgs.partyMember(id, itemId);
      if (!before) throw notFound();
      await repos.hostOrgs.deletePartyMember(itemId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'delete',
        entityType: 'host_org_party_member',
        entityId: itemId,
        entityLabel: `${org.name} · ${before.name}`,
        scopeOrgId: org.managingOrgId,
        changes: diffFields(before, null, PARTY_MEMBER_AUDITED),
      });
    });
    return { ok: true };
  }

  async assignments(ctx: RequestContext, id: string): Promise<{ items: AssignmentView[] }> {
    await this.readable(ctx, this.store.repos, id);
    return { items: (await this.store.repos.hostOrgs.assignments(id)).map(assignmentView) };
  }
}

type Figures = Pick<
  CoverageCounts,
  | 'total'
  | 'orgCoveredOwn'
  | 'orgCoveredJoint'
  | 'workCoveredOnly'
  | 'uncovered'
  | 'threeHasTotal'
  | 'threeHasUncovered'
>;
function figures(c: Figures, head: Pick<CoverageRow, 'key' | 'label' | 'filter' | 'drillable'>): CoverageRow {
  const org = c.orgCoveredOwn + c.orgCoveredJoint;
  return {
    ...head,
    total: c.total,
    orgCoveredOwn: c.orgCoveredOwn,
    orgCoveredJoint: c.orgCoveredJoint,
    workCoveredOnly: c.workCoveredOnly,
    uncovered: c.uncovered,
    threeHasTotal: c.threeHasTotal,
    threeHasUncovered: c.threeHasUncovered,
    orgRate: rate(org, c.total),
    coverageRate: rate(org + c.workCoveredOnly, c.total),
  };
}
