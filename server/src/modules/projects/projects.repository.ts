import { sql, type Selectable } from 'kysely';
import type { Page, ProjectListQuery } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { dialectOf, likeMatch, likePattern, toInt, type LikePattern } from '../../db/portability';
import { prepare } from '../../db/prepared';
import { projectScopeCondition, underScope } from '../../db/scope-sql';
import { decodeCursor, encodeCursor, pageOfRows, updateVersioned } from '../../db/repo-helpers';
import type { ProjectsTable } from '../../db/types';
import { nowIso, shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '../../core/time';
import type { SubtreeScope } from '../../core/scope';
import type { ProjectScope } from './projects.policy';

export type ProjectRow = Selectable<ProjectsTable> & {
  campaignName: string;
  orgName: string;
  regionName: string;
  secretaryName: string;
  overdueReports: number;
};

/** The project columns a dashboard splits its counts by (the list's `status`, `theme` and `rating` filters). */
export type ProjectCountColumn = 'status' | 'theme' | 'latestRating';

function baseQuery(db: Executor, scope: ProjectScope, today: string) {
  return withNames(db.selectFrom('projects as p').where(projectScopeCondition(scope)), today).selectAll('p');
}

/** The project columns a list row shows (not the declaration's content, which only the record needs). */
const LIST_COLUMNS = [
  'p.id',
  'p.code',
  'p.title',
  'p.status',
  'p.campaignId',
  'p.theme',
  'p.targetGroup',
  'p.orgId',
  'p.regionCode',
  'p.versionNo',
  'p.latestRating',
  'p.submittedAt',
  'p.approvedAt',
  'p.updatedAt',
] as const;

/** A row of the list or the export: the list's columns (`LIST_COLUMNS`) and names. */
export type ProjectListRow = Pick<
  ProjectRow,
  | 'id'
  | 'code'
  | 'title'
  | 'status'
  | 'campaignId'
  | 'theme'
  | 'targetGroup'
  | 'orgId'
  | 'regionCode'
  | 'versionNo'
  | 'latestRating'
  | 'submittedAt'
  | 'approvedAt'
  | 'updatedAt'
  | 'campaignName'
  | 'orgName'
  | 'regionName'
  | 'secretaryName'
  | 'overdueReports'
>;

/** The campaign, organisation and region names and the overdue reports, beside the project's columns. */
function withNames(query: ReturnType<typeof filteredRows>, today: string) {
  return query
    .innerJoin('campaigns as c', 'c.id', 'p.campaignId')
    .innerJoin('partyOrgs as o', 'o.id', 'p.orgId')
    .innerJoin('regions as r', 'r.code', 'p.regionCode')
    .select(['c.name as campaignName', 'o.name as orgName', 'r.name as regionName', 'o.secretaryName'])
    .select((eb) =>
      eb
        .selectFrom('quarterlyReports as q')
        .whereRef('q.projectId', '=', 'p.id')
        .where('q.status', '=', 'pending')
        .where('q.dueDate', '<', today)
        .select(eb.fn.countAll().as('n'))
        .as('overdueReports'),
    );
}

/** The projects in scope as the list shows them: its columns, the names, overdue reports. */
function withListColumns(query: ReturnType<typeof filteredRows>, today: string) {
  return withNames(query, today).select(LIST_COLUMNS);
}

/**
 * A list filter as a prepared statement's parameters (db/prepared.ts): every key always present,
 * today's date and the text pattern made beforehand.
 */
interface Filter {
  scope: ProjectScope;
  today: string;
  campaignId: string | null;
  theme: string | null;
  status: string | null;
  targetGroup: string | null;
  rating: string | null;
  text: LikePattern | null;
  regionCode: string | null;
  overdue: boolean | null;
  /** Quarterly reports due in [reportFrom, reportTo] with this rating (the state is under `fixed`). */
  reportFrom: string | null;
  reportTo: string | null;
  reportRating: string | null;
  /** 督办 notices issued in [supervisionFromAt, supervisionToAt) (instants; the state is under `fixed`). */
  supervisionFromAt: string | null;
  supervisionToAt: string | null;
  /** Part of the statement's shape: which report and notice conditions it has. */
  fixed: {
    report: 'any' | 'on_time' | 'late' | 'missing' | null;
    supervision: 'any' | 'open' | 'closed' | null;
  };
}

function filterOf(scope: ProjectScope, q: Omit<ProjectListQuery, 'limit' | 'cursor' | 'withTotal'>): Filter {
  return {
    scope,
    today: shanghaiDate(),
    campaignId: q.campaignId ?? null,
    theme: q.theme ?? null,
    status: q.status ?? null,
    targetGroup: q.targetGroup ?? null,
    rating: q.rating ?? null,
    text: q.q ? likePattern(q.q) : null,
    regionCode: q.regionCode ?? null,
    overdue: q.overdue ?? null,
    reportFrom: q.reportFrom ?? null,
    reportTo: q.reportTo ?? null,
    reportRating: q.reportRating ?? null,
    supervisionFromAt: q.supervisionFrom ? shanghaiDayStart(q.supervisionFrom) : null,
    supervisionToAt: q.supervisionTo ? shanghaiDayEnd(q.supervisionTo) : null,
    fixed: {
      report: q.report ?? (q.reportFrom || q.reportTo || q.reportRating ? 'any' : null),
      supervision: q.supervision ?? (q.supervisionFrom || q.supervisionTo ? 'any' : null),
    },
  };
}

/**
 * A project with a quarterly report due in the filter's dates, in the filter's state: filed on time
 * (filed before the end of its due date, Beijing: 16:00 UTC that day — as `filedLate` in schemas
 * decides), filed late, or pending past its due date (missing); and with the filter's rating.
 */
function reportCondition(db: Executor, f: Filter) {
  const state = f.fixed.report;
  const dueEnd =
    dialectOf(db) === 'postgres'
      ? sql`((q3.due_date + time '16:00') at time zone 'UTC')`
      : sql`(q3.due_date || 'T16:00:00.000Z')`;
  const parts = [sql`q3.project_id = ${sql.ref('p.id')}`];
  if (f.reportFrom !== null) parts.push(sql`q3.due_date >= ${f.reportFrom}`);
  if (f.reportTo !== null) parts.push(sql`q3.due_date <= ${f.reportTo}`);
  if (f.reportRating !== null) parts.push(sql`q3.rating = ${f.reportRating}`);
  if (state === 'on_time') parts.push(sql`q3.status <> 'pending' and q3.filed_at < ${dueEnd}`);
  if (state === 'late') parts.push(sql`q3.status <> 'pending' and q3.filed_at >= ${dueEnd}`);
  if (state === 'missing') parts.push(sql`q3.status = 'pending' and q3.due_date < ${f.today}`);
  return sql<boolean>`exists (select 1 from quarterly_reports q3 where ${sql.join(parts, sql` and `)})`;
}

/** A project with a 督办 notice issued in the filter's span, now open (awaiting or answered) or closed. */
function supervisionCondition(f: Filter) {
  const state = f.fixed.supervision;
  const parts = [sql`s3.project_id = ${sql.ref('p.id')}`];
  if (f.supervisionFromAt !== null) parts.push(sql`s3.issued_at >= ${f.supervisionFromAt}`);
  if (f.supervisionToAt !== null) parts.push(sql`s3.issued_at < ${f.supervisionToAt}`);
  if (state === 'open') parts.push(sql`s3.status <> 'closed'`);
  if (state === 'closed') parts.push(sql`s3.status = 'closed'`);
  return sql<boolean>`exists (select 1 from supervision_notices s3 where ${sql.join(parts, sql` and `)})`;
}

function filteredQuery(db: Executor, f: Filter) {
  return withListColumns(filteredRows(db, f), f.today);
}

/**
 * The projects the filter keeps, without the list's columns: what the counts read. The list's joins
 * (campaign, organisation, region names) change no count — each is a required reference — and cost a
 * third of a count at city scale (issue 15), so the counts leave them out.
 */
function filteredRows(db: Executor, f: Filter) {
  let query = db.selectFrom('projects as p').where(projectScopeCondition(f.scope));
  const { campaignId, theme, status, targetGroup, rating, text, regionCode } = f;
  if (campaignId) query = query.where('p.campaignId', '=', campaignId);
  if (theme) query = query.where('p.theme', '=', theme);
  if (status) query = query.where('p.status', '=', status);
  if (targetGroup) query = query.where('p.targetGroup', '=', targetGroup);
  if (rating) query = query.where('p.latestRating', '=', rating);
  if (text) query = query.where(likeMatch(db, 'p.title', text));
  if (regionCode) {
    query = query.where((eb) =>
      eb(
        'p.regionCode',
        'in',
        eb.selectFrom('regionClosure').select('descendantCode').where('ancestorCode', '=', regionCode),
      ),
    );
  }
  if (f.overdue !== null) {
    const overdue = sql<boolean>`exists (select 1 from quarterly_reports q2 where q2.project_id = ${sql.ref('p.id')} and q2.status = 'pending' and q2.due_date < ${f.today})`;
    query = query.where(f.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  if (f.fixed.report !== null) query = query.where(reportCondition(db, f));
  if (f.fixed.supervision !== null) query = query.where(supervisionCondition(f));
  return query;
}

/**
 * The default order: projects with a code first, by code (DD-2025-001, DD-2025-002 …), then those
 * without one (not yet approved), newest first; the id breaks ties. `(code is null)` is ordered
 * explicitly: SQLite sorts NULLs first and PostgreSQL last.
 */
function ordered<Q extends ReturnType<typeof filteredQuery>>(query: Q) {
  return query
    .orderBy(sql`case when ${sql.ref('p.code')} is null then 1 else 0 end`)
    .orderBy('p.code')
    .orderBy('p.id', 'desc');
}

/** The keyset cursor is `code|id` after a coded row and `id` after an uncoded one. */
function cursorParams(cursor: string): { code: string | null; id: string } {
  const { key, id } = decodeCursor(cursor);
  return { code: key ?? null, id };
}

/**
 * One page in the default order, after the cursor, `limit + 1` rows. Not keysetPage: the order puts
 * a nullable key first, so the cursor's condition is written here.
 */
const pageStatement = prepare(
  (
    db,
    p: {
      filter: Filter;
      facts: ProjectFactScopes | null;
      after: { code: string | null; id: string } | null;
      fetch: number;
    },
  ) => {
    let query = filteredQuery(db, p.filter);
    if (p.facts) {
      // Where the caller stands towards each row's organisation (the projects policy's facts), in
      // the page's own statement rather than one scope check per role after it.
      const { staff, secretary, team } = p.facts;
      const flag = (scope: SubtreeScope | null, as: 'inStaff' | 'inSecretary' | 'inTeam') =>
        (scope ? sql<number>`case when ${underScope('p.orgId', scope)} then 1 else 0 end` : sql<number>`0`).as(as);
      query = query.select([flag(staff, 'inStaff'), flag(secretary, 'inSecretary'), flag(team, 'inTeam')]) as never;
    }
    const { after } = p;
    if (after) {
      const { code, id } = after;
      if (code !== null) {
        query = query.where((eb) =>
          eb.or([
            eb('p.code', 'is', null),
            eb('p.code', '>', code),
            eb.and([eb('p.code', '=', code), eb('p.id', '<', id)]),
          ]),
        );
      } else {
        query = query.where('p.code', 'is', null).where('p.id', '<', id);
      }
    }
    return ordered(query).limit(p.fetch);
  },
);

/**
 * The subtrees the caller acts in on a project's organisation (projects.policy): as staff, as the
 * declaring secretary, on its team; null where the caller has none (the flag is 0).
 */
export interface ProjectFactScopes {
  staff: SubtreeScope | null;
  secretary: SubtreeScope | null;
  team: SubtreeScope | null;
}

/** A list page's row with the caller's facts (`list` given `facts`): 1 or 0. */
export type ProjectPageRow = ProjectListRow & { inStaff?: number; inSecretary?: number; inTeam?: number };

const pageParams = (scope: ProjectScope, q: ProjectListQuery, facts: ProjectFactScopes | null = null) => ({
  filter: filterOf(scope, q),
  facts,
  after: q.cursor ? cursorParams(q.cursor) : null,
  fetch: q.limit + 1,
});

const countStatement = prepare((db, f: Filter) => filteredRows(db, f).select((eb) => eb.fn.countAll().as('n')));

export class ProjectsRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: ProjectScope) {
    return baseQuery(this.db, scope, shanghaiDate());
  }

  private norm<T extends { overdueReports: unknown }>(r: T) {
    return { ...r, overdueReports: toInt(r.overdueReports) };
  }

  async get(scope: ProjectScope, id: string): Promise<ProjectRow | undefined> {
    const r = await this.base(scope).where('p.id', '=', id).executeTakeFirst();
    return r && (this.norm(r) as ProjectRow);
  }

  private filtered(scope: ProjectScope, q: Omit<ProjectListQuery, 'limit' | 'cursor' | 'withTotal'>) {
    return filteredQuery(this.db, filterOf(scope, q));
  }

  /** The list's hot path is prepared (db/prepared.ts): built and compiled once per filter shape. */
  async list(
    scope: ProjectScope,
    q: ProjectListQuery,
    facts: ProjectFactScopes | null = null,
  ): Promise<Page<ProjectPageRow>> {
    const rows = await pageStatement.execute(this.db, pageParams(scope, q, facts));
    const page = pageOfRows(rows, q.limit, (last) => encodeCursor({ key: last.code ?? undefined, id: last.id }));
    return { items: page.items.map((r) => this.norm(r) as ProjectPageRow), nextCursor: page.nextCursor };
  }

  /** The list's statement as `list` would run it (the bench explains and times it on its own). */
  compileList(scope: ProjectScope, q: ProjectListQuery) {
    return pageStatement.compile(this.db, pageParams(scope, q));
  }

  private ordered<Q extends ReturnType<ProjectsRepository['filtered']>>(query: Q) {
    return ordered(query);
  }

  /** Every row of a filter, for export (bounded), in the list's order. */
  async all(scope: ProjectScope, q: ProjectListQuery, max = 20_000): Promise<ProjectListRow[]> {
    const rows = await this.ordered(this.filtered(scope, q)).limit(max).execute();
    return rows.map((r) => this.norm(r) as ProjectListRow);
  }

  async count(scope: ProjectScope, q: ProjectListQuery): Promise<number> {
    return toInt((await countStatement.first(this.db, filterOf(scope, q)))?.n);
  }

  /**
   * `count` for several regions at once — a dashboard's area and its counties — optionally split by
   * one column: one statement instead of one per region and value (dashboards at city scale, issue 15).
   * The filter's own `regionCode` bounds the rows as the list does; each region of `regionCodes` then
   * counts the rows in its subtree. Keys are `${regionCode}|${value}` (`${regionCode}|` unsplit); a
   * pair with no rows is absent. Each value equals `count` with that region and that column's filter
   * (server/test/dashboards.test.ts holds every figure to its list).
   */
  async countByRegion(
    scope: ProjectScope,
    q: ProjectListQuery,
    regionCodes: readonly string[],
    by: ProjectCountColumn | null,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (regionCodes.length === 0) return out;
    const column = by === null ? sql<string>`''` : sql.ref<string>(`p.${by}`);
    const rows = await filteredRows(this.db, filterOf(scope, q))
      .innerJoin('regionClosure as ra', 'ra.descendantCode', 'p.regionCode')
      .where('ra.ancestorCode', 'in', [...regionCodes])
      .select((eb) => ['ra.ancestorCode as area', column.as('g'), eb.fn.countAll().as('n')])
      // (PostgreSQL refuses a constant in GROUP BY: unsplit groups by the region alone.)
      .groupBy(by === null ? ['ra.ancestorCode'] : ['ra.ancestorCode', column])
      .execute();
    for (const r of rows) out.set(`${r.area}|${r.g ?? ''}`, toInt(r.n));
    return out;
  }

  async insert(row: Omit<Selectable<ProjectsTable>, 'version' | 'versionNo' | 'createdAt' | 'updatedAt'>) {
    const now = nowIso();
    await this.db
      .insertInto('projects')
      .values({ ...row, createdAt: now, updatedAt: now })
      .execute();
  }

  /** Writes the given fields if the stored version matches; bumps the version. 409 when stale. */
  async update(id: string, version: number, patch: Partial<Omit<Selectable<ProjectsTable>, 'id' | 'version'>>) {
    await updateVersioned(this.db, 'projects', { id }, version, patch);
  }

  /**
   * The rating of the project's latest rated quarter (the execution module derives it from the
   * reports). Derived, so it does not bump the project's version (no conflict with its editors).
   */
  async setLatestRating(projectId: string, rating: string | null) {
    await this.db.updateTable('projects').set({ latestRating: rating }).where('id', '=', projectId).execute();
  }

  /**
   * The next sequence number of the campaign's project codes, taken in one statement on the
   * campaign's counter row (migration 0009). Call it inside the approving transaction: the row
   * stays locked until commit, so concurrent approvals get consecutive, distinct numbers.
   */
  async nextSeq(campaignId: string): Promise<number> {
    const r = await this.db
      .insertInto('projectCodeCounters')
      .values({ campaignId, lastSeq: 1 })
      .onConflict((oc) =>
        oc.column('campaignId').doUpdateSet((eb) => ({ lastSeq: eb('projectCodeCounters.lastSeq', '+', 1) })),
      )
      .returning('lastSeq')
      .executeTakeFirstOrThrow();
    return toInt(r.lastSeq);
  }

  async insertVersion(v: {
    id: string;
    projectId: string;
    versionNo: number;
    content: string;
    submittedBy: string | null;
  }) {
    await this.db
      .insertInto('projectVersions')
      .values({ ...v, submittedAt: nowIso(), decision: null, decisionNote: null })
      .execute();
  }

  async setVersionDecision(projectId: string, versionNo: number, decision: string, note: string | null) {
    await this.db
      .updateTable('projectVersions')
      .set({ decision, decisionNote: note })
      .where('projectId', '=', projectId)
      .where('versionNo', '=', versionNo)
      .execute();
  }

  versions(projectId: string) {
    return this.db
      .selectFrom('projectVersions as v')
      .leftJoin('users as u', 'u.id', 'v.submittedBy')
      .selectAll('v')
      .select('u.displayName as submittedByName')
      .where('v.projectId', '=', projectId)
      .orderBy('v.versionNo')
      .execute();
  }

  async insertTransition(t: {
    id: string;
    projectId: string;
    event: string;
    fromStatus: string | null;
    toStatus: string;
    actorId: string | null;
    actorName: string;
    reason: string | null;
  }) {
    await this.db
      .insertInto('projectTransitions')
      .values({ ...t, at: nowIso() })
      .execute();
  }

  transitions(projectId: string) {
    return this.db
      .selectFrom('projectTransitions')
      .selectAll()
      .where('projectId', '=', projectId)
      .orderBy('id')
      .execute();
  }

  async isOnOpenAgenda(projectId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('reviewItems as i')
      .innerJoin('reviewMeetings as m', 'm.id', 'i.meetingId')
      .where('i.projectId', '=', projectId)
      .where('m.status', '=', 'open')
      .select('i.id')
      .executeTakeFirst();
    return !!r;
  }

  indicators(projectId: string) {
    return this.db
      .selectFrom('projectIndicators')
      .selectAll()
      .where('projectId', '=', projectId)
      .orderBy('position')
      .execute();
  }
}
