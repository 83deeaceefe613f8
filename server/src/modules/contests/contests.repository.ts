import { sql, type Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import { changedOne, pageByIdDesc, updateVersioned } from '../../db/repo-helpers';
import type { ContestsTable, RubricTemplatesTable } from '../../db/types';
import type { SubtreeScope } from '../../core/scope';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import type { ContestScope } from './contests.policy';

export type ContestRow = Selectable<ContestsTable> & {
  campaignName: string;
  campaignOrgId: string;
  campaignYear: number;
};

export type TemplateRow = Selectable<RubricTemplatesTable> & { orgName: string };

export interface ContestProjectRow {
  id: string;
  projectId: string;
  position: number | null;
  phase: string;
  startedAt: string | null;
  endsAt: string | null;
  closedAt: string | null;
  overrideScore: number | null;
  overrideGrade: string | null;
  overrideReason: string | null;
  overriddenBy: string | null;
  overriddenByName: string | null;
  overriddenAt: string | null;
  title: string;
  code: string | null;
  orgId: string;
  orgName: string;
}

export interface SheetRow {
  projectId: string;
  judgeId: string;
  judgeName: string;
  scores: Record<string, number>;
  total: number;
  submittedAt: string;
}

export type ContestWrite = Pick<
  ContestsTable,
  'name' | 'contestDate' | 'venue' | 'minutesPerTalk' | 'rubric' | 'config'
>;

function scopeCondition(scope: ContestScope) {
  const parts = [underScope('c.orgId', scope.managed)];
  if (scope.judgeUserId) {
    parts.push(
      sql<boolean>`exists (select 1 from contest_judges cj where cj.contest_id = ${sql.ref('k.id')} and cj.user_id = ${scope.judgeUserId})`,
    );
  }
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Contests (比武打擂), their judges, projects, conflicts, draws and sheets; rubric templates. */
export class ContestsRepository {
  constructor(private readonly db: Executor) {}

  // ——— rubric templates ———

  private templatesBase() {
    return this.db
      .selectFrom('rubricTemplates as t')
      .innerJoin('partyOrgs as o', 'o.id', 't.orgId')
      .selectAll('t')
      .select('o.name as orgName');
  }

  /** Templates owned by a node in the scope's subtrees, or by an ancestor of one of its roots (reusable). */
  /** Templates of the scope's 社工部 nodes and their subtrees, and of the nodes above them (reusable). */
  private readableTemplates(scope: SubtreeScope) {
    const q = this.templatesBase();
    if (scope.all) return q;
    return q.where((eb) =>
      eb.or([
        underScope('t.orgId', scope),
        eb(
          't.orgId',
          'in',
          eb.selectFrom('orgClosure as oc').select('oc.ancestorId').where('oc.descendantId', 'in', scope.orgIds),
        ),
      ]),
    );
  }

  async templates(scope: SubtreeScope): Promise<TemplateRow[]> {
    if (!scope.all && scope.orgIds.length === 0) return [];
    return this.readableTemplates(scope).orderBy('t.id', 'desc').limit(500).execute();
  }

  /** One template if the scope reads it (`templates`' rule), undefined otherwise. */
  async readableTemplate(scope: SubtreeScope, id: string): Promise<TemplateRow | undefined> {
    if (!scope.all && scope.orgIds.length === 0) return undefined;
    return this.readableTemplates(scope).where('t.id', '=', id).executeTakeFirst();
  }

  async template(id: string): Promise<TemplateRow | undefined> {
    return this.templatesBase().where('t.id', '=', id).executeTakeFirst();
  }

  async insertTemplate(row: { id: string; orgId: string; name: string; rubric: string; createdBy: string | null }) {
    const now = nowIso();
    await this.db
      .insertInto('rubricTemplates')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  async updateTemplate(id: string, version: number, row: { name: string; rubric: string }) {
    await updateVersioned(this.db, 'rubricTemplates', { id }, version, row);
  }

  async deleteTemplate(id: string) {
    await this.db.deleteFrom('rubricTemplates').where('id', '=', id).execute();
  }

  // ——— contests ———

  private base(scope: ContestScope) {
    return this.db
      .selectFrom('contests as k')
      .innerJoin('campaigns as c', 'c.id', 'k.campaignId')
      .selectAll('k')
      .select(['c.name as campaignName', 'c.orgId as campaignOrgId', 'c.year as campaignYear'])
      .where(scopeCondition(scope));
  }

  async get(scope: ContestScope, id: string): Promise<ContestRow | undefined> {
    return this.base(scope).where('k.id', '=', id).executeTakeFirst();
  }

  async list(
    scope: ContestScope,
    q: { campaignId?: string; status?: string; limit: number; cursor?: string },
  ): Promise<Page<ContestRow & { projectCount: number; judgeCount: number }>> {
    let query = this.base(scope).select((eb) => [
      eb
        .selectFrom('contestProjects as cp')
        .whereRef('cp.contestId', '=', 'k.id')
        .select(eb.fn.countAll().as('n'))
        .as('projectCount'),
      eb
        .selectFrom('contestJudges as cj')
        .whereRef('cj.contestId', '=', 'k.id')
        .select(eb.fn.countAll().as('n'))
        .as('judgeCount'),
    ]);
    if (q.campaignId) query = query.where('k.campaignId', '=', q.campaignId);
    if (q.status) query = query.where('k.status', '=', q.status);
    const page = await pageByIdDesc(query, 'k.id', q);
    return {
      items: page.items.map((r) => ({ ...r, projectCount: toInt(r.projectCount), judgeCount: toInt(r.judgeCount) })),
      nextCursor: page.nextCursor,
    };
  }

  async insert(row: ContestWrite & { id: string; campaignId: string; createdBy: string | null }) {
    const now = nowIso();
    await this.db
      .insertInto('contests')
      .values({
        ...row,
        status: 'draft',
        drawSeed: null,
        drawAlgorithm: null,
        drawnAt: null,
        currentProjectId: null,
        startedAt: null,
        finishedAt: null,
        publishedAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  /**
   * Writes the given fields if the contest is at this version and in one of the statuses; bumps the
   * version. The row stays locked (PostgreSQL) until the transaction ends. 409 when stale.
   */
  async change(
    id: string,
    version: number,
    statuses: readonly string[],
    patch: Partial<Omit<Selectable<ContestsTable>, 'id' | 'version'>>,
  ) {
    await updateVersioned(this.db, 'contests', { id }, version, patch, { guard: (eb) => eb('status', 'in', statuses) });
  }

  // ——— judges ———

  async judges(contestId: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('contestJudges as j')
      .innerJoin('users as u', 'u.id', 'j.userId')
      .select(['u.id', 'u.displayName as name'])
      .where('j.contestId', '=', contestId)
      .orderBy('u.displayName')
      .orderBy('u.id')
      .execute();
  }

  /** Whether the user is on the contest's panel (one row, not the whole panel). */
  async isJudge(contestId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('contestJudges')
      .select('userId')
      .where('contestId', '=', contestId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async setJudges(contestId: string, userIds: readonly string[]) {
    await this.db.deleteFrom('contestJudges').where('contestId', '=', contestId).execute();
    if (userIds.length) {
      await this.db
        .insertInto('contestJudges')
        .values(userIds.map((userId) => ({ contestId, userId })))
        .execute();
    }
  }

  /** Of these users, the active ones holding the judge role, with their names. */
  async judgeUsers(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.displayName'])
      .where('u.id', 'in', userIds)
      .where('u.disabled', '=', 0)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('roleBindings as b')
            .select('b.id')
            .whereRef('b.userId', '=', 'u.id')
            .where('b.role', '=', 'judge'),
        ),
      )
      .execute();
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /**
   * Pairs (judge, declaring organisation) where one of the judge's role bindings is on that
   * organisation, an ancestor or a descendant of it — except bindings on the contest's organising
   * 社工部 (its campaign's organisation) or a 社工部 above it: every declaring organisation lies under
   * them. A 社工部 below the organiser (a county's, in a city contest) is related to the projects of
   * its own subtree like any other binding.
   */
  async relatedPairs(
    contestId: string,
    judgeIds: readonly string[],
    orgIds: readonly string[],
  ): Promise<{ judgeId: string; orgId: string }[]> {
    if (judgeIds.length === 0 || orgIds.length === 0) return [];
    const organiser = this.db
      .selectFrom('contests as k')
      .innerJoin('campaigns as c', 'c.id', 'k.campaignId')
      .select('c.orgId')
      .where('k.id', '=', contestId);
    const bindings = await this.db
      .selectFrom('roleBindings as b')
      .innerJoin('partyOrgs as o', 'o.id', 'b.orgId')
      .select(['b.userId', 'b.orgId'])
      .where('b.userId', 'in', judgeIds)
      .where((eb) =>
        eb.not(
          eb.and([
            eb('o.type', '=', 'sw_dept'),
            eb.exists(
              eb
                .selectFrom('orgClosure as oc')
                .select('oc.ancestorId')
                .whereRef('oc.ancestorId', '=', 'b.orgId')
                .where('oc.descendantId', 'in', organiser),
            ),
          ]),
        ),
      )
      .execute();
    const bound = [...new Set(bindings.map((b) => b.orgId!))];
    if (bound.length === 0) return [];
    const links = await this.db
      .selectFrom('orgClosure')
      .select(['ancestorId', 'descendantId'])
      .where((eb) =>
        eb.or([
          eb.and([eb('ancestorId', 'in', bound), eb('descendantId', 'in', orgIds)]),
          eb.and([eb('ancestorId', 'in', orgIds), eb('descendantId', 'in', bound)]),
        ]),
      )
      .execute();
    const related = new Set<string>();
    for (const l of links) {
      related.add(`${l.ancestorId}|${l.descendantId}`);
      related.add(`${l.descendantId}|${l.ancestorId}`);
    }
    const out: { judgeId: string; orgId: string }[] = [];
    for (const b of bindings) {
      for (const o of orgIds) {
        if (b.orgId === o || related.has(`${b.orgId}|${o}`)) out.push({ judgeId: b.userId, orgId: o });
      }
    }
    return out;
  }

  // ——— projects ———

  private projectsBase(contestId: string) {
    return this.db
      .selectFrom('contestProjects as cp')
      .innerJoin('projects as p', 'p.id', 'cp.projectId')
      .innerJoin('partyOrgs as o', 'o.id', 'p.orgId')
      .leftJoin('users as ob', 'ob.id', 'cp.overriddenBy')
      .select([
        'cp.id',
        'cp.projectId',
        'cp.position',
        'cp.phase',
        'cp.startedAt',
        'cp.endsAt',
        'cp.closedAt',
        'cp.overrideScore',
        'cp.overrideGrade',
        'cp.overrideReason',
        'cp.overriddenBy',
        'cp.overriddenAt',
        'ob.displayName as overriddenByName',
        'p.title',
        'p.code',
        'p.orgId',
        'o.name as orgName',
      ])
      .where('cp.contestId', '=', contestId);
  }

  async projects(contestId: string): Promise<ContestProjectRow[]> {
    const rows = await this.projectsBase(contestId).execute();
    return rows.sort(
      (a, b) =>
        (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
        (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0),
    );
  }

  /**
   * One project of the contest (undefined when it is not on the contest). With `share` (PostgreSQL)
   * its presentation row stays `FOR SHARE` locked until the transaction ends: submissions take that
   * lock side by side, while a close (an UPDATE of the row) waits for every one holding it — and a
   * submission reading after a close committed (or waiting for one to) reads the closed phase.
   */
  async project(
    contestId: string,
    projectId: string,
    opts: { share?: boolean } = {},
  ): Promise<ContestProjectRow | undefined> {
    let q = this.projectsBase(contestId).where('cp.projectId', '=', projectId);
    if (opts.share) q = q.forShare('cp');
    return q.executeTakeFirst();
  }

  async setProjects(contestId: string, projectIds: readonly string[]) {
    await this.db.deleteFrom('contestProjects').where('contestId', '=', contestId).execute();
    if (projectIds.length) {
      await this.db
        .insertInto('contestProjects')
        .values(
          projectIds.map((projectId) => ({
            id: newId(),
            contestId,
            projectId,
            position: null,
            phase: 'waiting',
            startedAt: null,
            endsAt: null,
            closedAt: null,
            overrideScore: null,
            overrideGrade: null,
            overrideReason: null,
            overriddenBy: null,
            overriddenAt: null,
          })),
        )
        .execute();
    }
  }

  async setPosition(contestId: string, projectId: string, position: number | null) {
    await this.db
      .updateTable('contestProjects')
      .set({ position })
      .where('contestId', '=', contestId)
      .where('projectId', '=', projectId)
      .execute();
  }

  /**
   * Moves a presentation from one phase to another; false when it is not in `from`. On PostgreSQL
   * the row stays locked until the transaction ends, so a submission and a close never interleave.
   */
  async setPhase(
    contestId: string,
    projectId: string,
    from: string,
    to: string,
    patch: { startedAt?: string | null; endsAt?: string | null; closedAt?: string | null } = {},
  ): Promise<boolean> {
    return changedOne(
      this.db
        .updateTable('contestProjects')
        .set({ phase: to, ...patch })
        .where('contestId', '=', contestId)
        .where('projectId', '=', projectId)
        .where('phase', '=', from),
    );
  }

  async setOverride(
    contestId: string,
    projectId: string,
    o: { score: number | null; grade: string | null; reason: string | null; by: string | null },
  ) {
    const cleared = o.score === null && o.grade === null;
    await this.db
      .updateTable('contestProjects')
      .set({
        overrideScore: o.score,
        overrideGrade: o.grade,
        overrideReason: cleared ? null : o.reason,
        overriddenBy: cleared ? null : o.by,
        overriddenAt: cleared ? null : nowIso(),
      })
      .where('contestId', '=', contestId)
      .where('projectId', '=', projectId)
      .execute();
  }

  /** Projects of the campaign, among these ids, that may compete (approved or completed). */
  async eligibleProjects(campaignId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('projects')
      .select('id')
      .where('campaignId', '=', campaignId)
      .where('id', 'in', ids)
      .where('status', 'in', ['approved', 'completed'])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Ratings of the projects' quarterly reports in the year, as rated at `asOf` (an instant) or before. */
  async ratings(projectIds: readonly string[], year: number, asOf: string): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (projectIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('quarterlyReports')
      .select(['projectId', 'rating'])
      .where('projectId', 'in', projectIds)
      .where('year', '=', year)
      .where('rating', 'is not', null)
      .where('ratedAt', '<=', asOf)
      .orderBy('quarter')
      .execute();
    for (const r of rows) out.set(r.projectId, [...(out.get(r.projectId) ?? []), r.rating!]);
    return out;
  }

  // ——— conflicts ———

  async conflicts(contestId: string) {
    return this.db
      .selectFrom('contestConflicts')
      .selectAll()
      .where('contestId', '=', contestId)
      .orderBy('id')
      .execute();
  }

  /** Whether a conflict of interest is declared for this judge and project. */
  async hasConflict(contestId: string, judgeId: string, projectId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('contestConflicts')
      .select('id')
      .where('contestId', '=', contestId)
      .where('judgeId', '=', judgeId)
      .where('projectId', '=', projectId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertConflict(row: {
    contestId: string;
    judgeId: string;
    projectId: string;
    reason: string;
    createdBy: string;
  }) {
    const id = newId();
    const r = await this.db
      .insertInto('contestConflicts')
      .values({ id, ...row, createdAt: nowIso() })
      .onConflict((oc) => oc.columns(['contestId', 'judgeId', 'projectId']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
  }

  async deleteConflict(contestId: string, id: string) {
    await this.db.deleteFrom('contestConflicts').where('contestId', '=', contestId).where('id', '=', id).execute();
  }

  // ——— draws ———

  async draws(contestId: string) {
    const rows = await this.db
      .selectFrom('contestDraws')
      .selectAll()
      .where('contestId', '=', contestId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      ...r,
      projectIds: JSON.parse(r.projectIds) as string[],
      drawOrder: JSON.parse(r.drawOrder) as string[],
    }));
  }

  async insertDraw(row: {
    contestId: string;
    seed: string;
    algorithm: string;
    projectIds: string[];
    order: string[];
    reason: string | null;
    drawnBy: string;
    drawnByName: string;
  }) {
    await this.db
      .insertInto('contestDraws')
      .values({
        id: newId(),
        contestId: row.contestId,
        seed: row.seed,
        algorithm: row.algorithm,
        projectIds: JSON.stringify(row.projectIds),
        drawOrder: JSON.stringify(row.order),
        reason: row.reason,
        drawnBy: row.drawnBy,
        drawnByName: row.drawnByName,
        drawnAt: nowIso(),
      })
      .execute();
  }

  // ——— sheets ———

  async sheets(contestId: string, filter: { judgeId?: string; projectId?: string } = {}): Promise<SheetRow[]> {
    let q = this.db
      .selectFrom('contestSheets as s')
      .innerJoin('users as u', 'u.id', 's.judgeId')
      .select(['s.projectId', 's.judgeId', 'u.displayName as judgeName', 's.scores', 's.total', 's.submittedAt'])
      .where('s.contestId', '=', contestId);
    if (filter.judgeId) q = q.where('s.judgeId', '=', filter.judgeId);
    if (filter.projectId) q = q.where('s.projectId', '=', filter.projectId);
    const rows = await q.orderBy('s.projectId').orderBy('s.judgeId').execute();
    return rows.map((r) => ({ ...r, total: toInt(r.total), scores: JSON.parse(r.scores) as Record<string, number> }));
  }

  /** Inserts a sheet once; false when this judge already has a sheet for the project. */
  async insertSheet(row: {
    contestId: string;
    projectId: string;
    judgeId: string;
    scores: Record<string, number>;
    total: number;
    submittedAt?: string;
  }) {
    const r = await this.db
      .insertInto('contestSheets')
      .values({ id: newId(), ...row, scores: JSON.stringify(row.scores), submittedAt: row.submittedAt ?? nowIso() })
      .onConflict((oc) => oc.columns(['contestId', 'projectId', 'judgeId']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}
