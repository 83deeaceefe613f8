import {
  assessmentItemSchema,
  assessmentMappingSchema,
  assessmentThresholdsSchema,
  contestItemPoints,
  roundPoints,
  sheetOutcome,
  type AssessmentContestSource,
  type AssessmentFillResult,
  type AssessmentGrade,
  type AssessmentResultPage,
  type AssessmentResultQuery,
  type AssessmentItem,
  type AssessmentMapping,
  type AssessmentSchemeBody,
  type AssessmentSchemeUpdateBody,
  type AssessmentSchemeView,
  type AssessmentSheetValuesBody,
  type AssessmentSheetView,
  type AssessmentStatus,
  type AssessmentThresholds,
  type ContestGrade,
  type ContestResultsView,
  type ContestView,
  type FieldChange,
  type Page,
} from '@touyan/schemas';
import { z } from 'zod';
import type { Actor, RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import type { Store } from '../../store';
import type { ContestsService } from '../contests/contests.service';
import {
  assessmentManageScope,
  assessmentReadScope,
  schemePolicy,
  sheetPolicy,
  type AssessmentFacts,
  type SchemeAction,
} from './assessments.policy';
import type { SchemeRow, SheetRow } from './assessments.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type AssessmentsStore = Store<'assessments' | 'audit' | 'partyOrgs'>;
type AssessmentsRepos = AssessmentsStore['repos'];

interface Rules {
  items: AssessmentItem[];
  mapping: AssessmentMapping;
  thresholds: AssessmentThresholds;
}

interface LoadedScheme {
  s: SchemeRow;
  rules: Rules;
  manager: boolean;
}

/** What the scheme and sheet policies decide on: whether the caller manages the scheme, and its status. */
const factsOf = (l: LoadedScheme): AssessmentFacts => ({ manager: l.manager, status: l.s.status as AssessmentStatus });

const valuesSchema = z.record(z.string(), z.number().nullable());
const sourceSchema = z.custom<AssessmentContestSource>((v) => typeof v === 'object' && v !== null);

const SCHEME_AUDITED = ['name', 'year', 'items', 'mapping', 'thresholds', 'status'] as const;

function rulesOf(s: SchemeRow): Rules {
  return {
    items: z.array(assessmentItemSchema).parse(JSON.parse(s.items)),
    mapping: assessmentMappingSchema.parse(JSON.parse(s.mapping)),
    thresholds: assessmentThresholdsSchema.parse(JSON.parse(s.thresholds)),
  };
}

const contestItem = (rules: Rules): AssessmentItem => rules.items.find((it) => it.source === 'contest')!;

function valuesOf(h: SheetRow): Record<string, number | null> {
  return valuesSchema.parse(JSON.parse(h.itemValues));
}
function sourceOf(h: SheetRow): AssessmentContestSource | null {
  return h.contestSource ? sourceSchema.parse(JSON.parse(h.contestSource)) : null;
}

/** A sheet's values restricted to the scheme's items (every item present, null when not entered). */
function normalise(items: readonly AssessmentItem[], values: Record<string, number | null>) {
  return Object.fromEntries(items.map((it) => [it.code, values[it.code] ?? null])) as Record<string, number | null>;
}

/**
 * The annual assessment (年度党建工作考核): staff of a 社工部 define a scheme per year (items, the
 * contest item's mapping, grade thresholds); the contest item of each organisation's sheet is filled
 * from a published contest's results, the other items are entered by hand; sheets total and grade.
 */
export class AssessmentsService {
  constructor(
    private readonly store: AssessmentsStore,
    private readonly contests: ContestsService,
  ) {}

  // ——— loading ———

  private async isManager(repos: AssessmentsRepos, ctx: RequestContext, orgId: string): Promise<boolean> {
    const scope = assessmentManageScope(ctx.actor);
    if (scope.all) return true;
    return scope.orgIds.length > 0 && repos.partyOrgs.inScope(scope, orgId);
  }

  private async load(repos: AssessmentsRepos, ctx: RequestContext, id: string): Promise<LoadedScheme> {
    const s = await repos.assessments.scheme(assessmentReadScope(ctx.actor), id);
    if (!s) throw notFound();
    return { s, rules: rulesOf(s), manager: await this.isManager(repos, ctx, s.orgId) };
  }

  /**
   * The scheme for `action`: 404 unless the caller reads it, then `schemePolicy` decides — 403 for a
   * reader who does not manage it, the rule's own code (e.g. 409 ASSESSMENT_PUBLISHED) when only the
   * scheme's status stands in the way.
   */
  private async loadFor(
    repos: AssessmentsRepos,
    ctx: RequestContext,
    id: string,
    action: SchemeAction,
  ): Promise<LoadedScheme> {
    const l = await this.load(repos, ctx, id);
    schemePolicy.authorize(ctx.actor, action, factsOf(l));
    return l;
  }

  /** The sheet and its scheme: managers see every sheet; a secretary only their own organisation's. */
  private async loadSheet(repos: AssessmentsRepos, ctx: RequestContext, sheetId: string) {
    const h = await repos.assessments.sheet(sheetId);
    if (!h) throw notFound();
    const scope = assessmentReadScope(ctx.actor);
    const s = await repos.assessments.scheme(scope, h.schemeId);
    if (!s) throw notFound();
    const manager = await this.isManager(repos, ctx, s.orgId);
    if (!manager && !(s.status === 'published' && scope.ownOrgIds.includes(h.partyOrgId))) throw notFound();
    return { h, l: { s, rules: rulesOf(s), manager } as LoadedScheme };
  }

  private schemeView(actor: Actor, l: LoadedScheme): AssessmentSchemeView {
    const { s, rules } = l;
    return {
      id: s.id,
      orgId: s.orgId,
      orgName: s.orgName,
      year: s.year,
      name: s.name,
      ...rules,
      status: s.status as AssessmentStatus,
      sheetCount: s.sheetCount,
      version: s.version,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      abilities: schemePolicy.abilities(actor, factsOf(l)),
    };
  }

  private sheetView(actor: Actor, l: LoadedScheme, h: SheetRow): AssessmentSheetView {
    return {
      id: h.id,
      schemeId: h.schemeId,
      partyOrgId: h.partyOrgId,
      partyOrgName: h.partyOrgName,
      values: normalise(l.rules.items, valuesOf(h)),
      contestSource: sourceOf(h),
      total: h.total,
      complete: h.complete,
      grade: h.grade as AssessmentGrade | null,
      version: h.version,
      updatedAt: h.updatedAt,
      updatedByName: h.updatedByName,
      abilities: sheetPolicy.abilities(actor, factsOf(l)),
    };
  }

  /** What a sheet stores for these values under these rules. */
  private outcome(rules: Rules, values: Record<string, number | null>, source: AssessmentContestSource | null) {
    const v = normalise(rules.items, values);
    const o = sheetOutcome(rules.items, v, rules.thresholds);
    return {
      itemValues: JSON.stringify(v),
      contestSource: source ? JSON.stringify(source) : null,
      total: o.total,
      complete: o.complete,
      grade: o.grade,
    };
  }

  // ——— schemes ———

  async listSchemes(
    ctx: RequestContext,
    q: { year?: number; status?: AssessmentStatus; limit: number; cursor?: string },
  ): Promise<Page<AssessmentSchemeView>> {
    const repos = this.store.repos;
    const { items: rows, nextCursor } = await repos.assessments.listSchemes(assessmentReadScope(ctx.actor), q);
    const items: AssessmentSchemeView[] = [];
    for (const s of rows) {
      items.push(
        this.schemeView(ctx.actor, { s, rules: rulesOf(s), manager: await this.isManager(repos, ctx, s.orgId) }),
      );
    }
    return { items, nextCursor };
  }

  async getScheme(ctx: RequestContext, id: string): Promise<AssessmentSchemeView> {
    return this.schemeView(ctx.actor, await this.load(this.store.repos, ctx, id));
  }

  private rulesJson(body: Rules) {
    return {
      items: JSON.stringify(body.items),
      mapping: JSON.stringify(body.mapping),
      thresholds: JSON.stringify(body.thresholds),
    };
  }

  async createScheme(ctx: RequestContext, body: AssessmentSchemeBody): Promise<AssessmentSchemeView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const org = await repos.partyOrgs.get(assessmentManageScope(ctx.actor), body.orgId);
      if (!org || org.type !== 'sw_dept') throw new AppError('VALIDATION_FAILED', { orgId: 'invalid' });
      const row = { name: body.name, ...this.rulesJson(body) };
      await repos.assessments.insertScheme({ id, orgId: org.id, year: body.year, createdBy: ctx.actor.userId, ...row });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'assessment_scheme',
        entityId: id,
        entityLabel: `${body.year} ${body.name}`,
        scopeOrgId: org.id,
        changes: diffFields(null, { ...row, year: body.year, status: 'draft' }, SCHEME_AUDITED),
      });
    });
    return this.getScheme(ctx, id);
  }

  /**
   * Changes the rules of a draft scheme. Every existing sheet follows: values of removed items are
   * dropped, the contest item is recomputed from its recorded source under the new mapping, totals
   * and grades are recomputed; a manual value above its item's new maximum refuses the change.
   */
  async updateScheme(ctx: RequestContext, id: string, body: AssessmentSchemeUpdateBody): Promise<AssessmentSchemeView> {
    await this.store.tx(async (repos) => {
      const { s } = await this.loadFor(repos, ctx, id, 'update');
      if (s.version !== body.version) throw conflict();
      const rules: Rules = { items: body.items, mapping: body.mapping, thresholds: body.thresholds };
      const ci = contestItem(rules);
      const sheets = await repos.assessments.allSheets(id);
      const writes: { h: SheetRow; patch: ReturnType<AssessmentsService['outcome']> }[] = [];
      const fields: Record<string, string> = {};
      for (const h of sheets) {
        const source = sourceOf(h);
        const values = normalise(rules.items, valuesOf(h));
        values[ci.code] = source ? contestItemPoints(rules.mapping, ci.maxPoints, source) : null;
        rules.items.forEach((it, i) => {
          const v = values[it.code];
          if (it.source === 'manual' && v !== null && v !== undefined && v > it.maxPoints) {
            fields[`items.${i}.maxPoints`] = 'too_small';
          }
        });
        writes.push({ h, patch: this.outcome(rules, values, source) });
      }
      if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
      const row = { name: body.name, ...this.rulesJson(rules) };
      await repos.assessments.changeScheme(id, body.version, row, 'draft');
      for (const { h, patch } of writes) {
        if (patch.itemValues === h.itemValues && patch.total === h.total && patch.grade === h.grade) continue;
        await repos.assessments.changeSheet(h.id, h.version, { ...patch, updatedBy: ctx.actor.userId });
      }
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'assessment_scheme',
        entityId: id,
        entityLabel: `${s.year} ${body.name}`,
        scopeOrgId: s.orgId,
        changes: diffFields(s, row, SCHEME_AUDITED),
      });
    });
    return this.getScheme(ctx, id);
  }

  /** draft ⇄ published: published schemes are frozen and their sheets visible to the secretaries. */
  async setStatus(
    ctx: RequestContext,
    id: string,
    body: { status: AssessmentStatus; version: number },
  ): Promise<AssessmentSchemeView> {
    await this.store.tx(async (repos) => {
      const { s } = await this.loadFor(repos, ctx, id, body.status === 'published' ? 'publish' : 'unpublish');
      if (s.version !== body.version) throw conflict();
      await repos.assessments.changeScheme(id, body.version, { status: body.status }, s.status);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'assessment_scheme',
        entityId: id,
        entityLabel: `${s.year} ${s.name}`,
        scopeOrgId: s.orgId,
        changes: [{ field: 'status', before: s.status, after: body.status }],
      });
    });
    return this.getScheme(ctx, id);
  }

  // ——— filling from the contest ———

  /**
   * Fills the contest item of each competing organisation's sheet from a published contest: the
   * project's final grade (or score) through the scheme's mapping. A sheet is created where there is
   * none; when an organisation had several projects, the best points count. The source (contest,
   * project, grade, score) is recorded. Running it again changes nothing (idempotent).
   */
  async fillFromContest(ctx: RequestContext, id: string, contestId: string): Promise<AssessmentFillResult> {
    // The scheme first (404 before anything about the contest), then the contest's published
    // results, read outside the transaction (ContestsService reads through the pool).
    await this.loadFor(this.store.repos, ctx, id, 'fill');
    let contest: ContestView;
    try {
      contest = await this.contests.get(ctx, contestId);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) {
        throw new AppError('VALIDATION_FAILED', { contestId: 'invalid' });
      }
      throw e;
    }
    if (contest.status !== 'published') throw new AppError('ASSESSMENT_CONTEST_UNPUBLISHED');
    const results: ContestResultsView = await this.contests.results(ctx, contestId);
    const projects = new Map(contest.projects.map((p) => [p.projectId, p]));

    return this.store.tx(async (repos) => {
      const l = await this.loadFor(repos, ctx, id, 'fill');
      const ci = contestItem(l.rules);
      const out: AssessmentFillResult = { schemeId: id, contestId, created: 0, updated: 0, unchanged: 0, skipped: [] };
      // The best result per organisation (points, then rank).
      const best = new Map<string, { source: Omit<AssessmentContestSource, 'filledAt'>; rank: number | null }>();
      for (const r of results.rows) {
        const p = projects.get(r.projectId);
        if (!p) continue;
        const score = r.finalScore === null ? null : roundPoints(r.finalScore);
        const grade = r.grade as ContestGrade | null;
        const pts = contestItemPoints(l.rules.mapping, ci.maxPoints, { grade, score });
        if (pts === null) {
          out.skipped.push({ projectId: p.projectId, title: p.title, reason: 'no_result' });
          continue;
        }
        if (!(await repos.assessments.inArea(l.s.orgId, p.orgId))) {
          out.skipped.push({ projectId: p.projectId, title: p.title, reason: 'outside_area' });
          continue;
        }
        const prev = best.get(p.orgId);
        const better =
          !prev ||
          pts > (prev.source.points ?? -1) ||
          (pts === prev.source.points && (r.rank ?? Infinity) < (prev.rank ?? Infinity));
        if (better) {
          best.set(p.orgId, {
            rank: r.rank,
            source: {
              contestId,
              contestName: contest.name,
              projectId: p.projectId,
              projectCode: p.code,
              projectTitle: p.title,
              grade,
              score,
              points: pts,
            },
          });
        }
      }
      const at = nowIso();
      for (const [orgId, { source }] of best) {
        const h = await repos.assessments.sheetOf(id, orgId);
        if (!h) {
          const sheetId = newId();
          const values = { [ci.code]: source.points };
          const patch = this.outcome(l.rules, values, { ...source, filledAt: at });
          await repos.assessments.insertSheet({
            id: sheetId,
            schemeId: id,
            partyOrgId: orgId,
            updatedBy: ctx.actor.userId,
            ...patch,
          });
          out.created++;
          await this.auditSheet(repos, ctx, l, sheetId, orgId, 'create', null, patch);
          continue;
        }
        const before = sourceOf(h);
        const values = valuesOf(h);
        if (
          values[ci.code] === source.points &&
          before &&
          JSON.stringify({ ...before, filledAt: null }) === JSON.stringify({ ...source, filledAt: null })
        ) {
          out.unchanged++;
          continue;
        }
        const patch = this.outcome(l.rules, { ...values, [ci.code]: source.points }, { ...source, filledAt: at });
        await repos.assessments.changeSheet(h.id, h.version, { ...patch, updatedBy: ctx.actor.userId });
        out.updated++;
        await this.auditSheet(repos, ctx, l, h.id, orgId, 'update', h, patch);
      }
      return out;
    });
  }

  private async auditSheet(
    repos: AssessmentsRepos,
    ctx: RequestContext,
    l: LoadedScheme,
    sheetId: string,
    orgId: string,
    action: 'create' | 'update',
    before: SheetRow | null,
    after: ReturnType<AssessmentsService['outcome']>,
  ) {
    const b = before ? normalise(l.rules.items, valuesOf(before)) : {};
    const a = JSON.parse(after.itemValues) as Record<string, number | null>;
    const changes: FieldChange[] = l.rules.items
      .filter((it) => (b[it.code] ?? null) !== (a[it.code] ?? null))
      .map((it) => ({ field: `values.${it.code}`, before: b[it.code] ?? null, after: a[it.code] ?? null }));
    changes.push(
      ...diffFields(
        before ? { total: before.total, grade: before.grade, contestSource: before.contestSource } : null,
        { total: after.total, grade: after.grade, contestSource: after.contestSource },
        ['total', 'grade', 'contestSource'],
      ),
    );
    const name = (await repos.partyOrgs.namesOf([orgId])).get(orgId) ?? '';
    await repos.audit.record(auditCtx(ctx), {
      action,
      entityType: 'assessment_sheet',
      entityId: sheetId,
      entityLabel: `${l.s.year} ${l.s.name}｜${name}`,
      scopeOrgId: orgId,
      changes,
    });
  }

  // ——— sheets ———

  /** An empty sheet for an organisation of the area (one that did not compete). */
  async createSheet(ctx: RequestContext, id: string, partyOrgId: string): Promise<AssessmentSheetView> {
    const sheetId = newId();
    await this.store.tx(async (repos) => {
      const l = await this.loadFor(repos, ctx, id, 'addSheet');
      if (!(await repos.assessments.inArea(l.s.orgId, partyOrgId))) {
        throw new AppError('VALIDATION_FAILED', { partyOrgId: 'invalid' });
      }
      if (await repos.assessments.sheetOf(id, partyOrgId)) throw new AppError('ASSESSMENT_SHEET_EXISTS');
      const patch = this.outcome(l.rules, {}, null);
      await repos.assessments.insertSheet({
        id: sheetId,
        schemeId: id,
        partyOrgId,
        updatedBy: ctx.actor.userId,
        ...patch,
      });
      await this.auditSheet(repos, ctx, l, sheetId, partyOrgId, 'create', null, patch);
    });
    return this.getSheet(ctx, sheetId);
  }

  async listSheets(
    ctx: RequestContext,
    id: string,
    q: { q?: string; grade?: AssessmentGrade; orgId?: string; complete?: '1' | '0'; limit: number; cursor?: string },
  ): Promise<Page<AssessmentSheetView>> {
    const repos = this.store.repos;
    const l = await this.load(repos, ctx, id);
    const only = l.manager ? null : assessmentReadScope(ctx.actor).ownOrgIds;
    const page = await repos.assessments.listSheets(id, q, only);
    if (!page) throw new AppError('VALIDATION_FAILED', { cursor: 'invalid' });
    return { items: page.items.map((h) => this.sheetView(ctx.actor, l, h)), nextCursor: page.nextCursor };
  }

  /**
   * 考核结果: the sheets of one year's published schemes the caller manages (staff of a 社工部 above
   * them, or the administrator), across schemes — the list behind the dashboards' grade figures.
   */
  async listResults(ctx: RequestContext, q: AssessmentResultQuery): Promise<AssessmentResultPage> {
    const repos = this.store.repos;
    const managed = assessmentManageScope(ctx.actor);
    const page = await repos.assessments.listResults(managed, q);
    if (!page) throw new AppError('VALIDATION_FAILED', { cursor: 'invalid' });
    const items = page.items.map((r) => ({ ...r, grade: r.grade as AssessmentGrade | null }));
    if (!q.withTotal || q.cursor) return { items, nextCursor: page.nextCursor };
    return { items, nextCursor: page.nextCursor, total: await repos.assessments.countResults(managed, q) };
  }

  /**
   * For the dashboards (issue 15): the latest year up to `maxYear` with graded results under the area
   * (`orgIds[0]`) and, for each of `orgIds`, the graded sheets per grade — each the count of
   * `listResults` with that year, grade and orgId. Null when there are none.
   */
  async dashboardGrades(
    ctx: RequestContext,
    orgIds: readonly [string, ...string[]],
    maxYear: number,
  ): Promise<{ year: number; counts: Record<string, number>[] } | null> {
    const repos = this.store.repos;
    const managed = assessmentManageScope(ctx.actor);
    const year = await repos.assessments.latestResultYear(managed, orgIds[0], maxYear);
    if (year === null) return null;
    return { year, counts: await repos.assessments.gradeCounts(managed, year, orgIds) };
  }

  async getSheet(ctx: RequestContext, sheetId: string): Promise<AssessmentSheetView> {
    const { h, l } = await this.loadSheet(this.store.repos, ctx, sheetId);
    return this.sheetView(ctx.actor, l, h);
  }

  /** Enters manual items (0 … each item's maximum, or null to clear); the contest item is not editable. */
  async updateSheet(
    ctx: RequestContext,
    sheetId: string,
    body: AssessmentSheetValuesBody,
  ): Promise<AssessmentSheetView> {
    await this.store.tx(async (repos) => {
      const { h, l } = await this.loadSheet(repos, ctx, sheetId);
      sheetPolicy.authorize(ctx.actor, 'update', factsOf(l));
      if (h.version !== body.version) throw conflict();
      const byCode = new Map(l.rules.items.map((it) => [it.code, it]));
      const fields: Record<string, string> = {};
      for (const [code, v] of Object.entries(body.values)) {
        const it = byCode.get(code);
        if (!it || it.source !== 'manual') fields[`values.${code}`] = 'invalid';
        else if (v !== null && v > it.maxPoints) fields[`values.${code}`] = 'too_big';
      }
      if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
      const patch = this.outcome(l.rules, { ...valuesOf(h), ...body.values }, sourceOf(h));
      await repos.assessments.changeSheet(h.id, body.version, { ...patch, updatedBy: ctx.actor.userId });
      await this.auditSheet(repos, ctx, l, h.id, h.partyOrgId, 'update', h, patch);
    });
    return this.getSheet(ctx, sheetId);
  }

  // ——— exports ———

  /** The scheme and every sheet of it, best total first (managers only). */
  async exportScheme(ctx: RequestContext, id: string) {
    const repos = this.store.repos;
    const l = await this.loadFor(repos, ctx, id, 'export');
    const sheets = await repos.assessments.allSheets(id);
    return { scheme: this.schemeView(ctx.actor, l), sheets: sheets.map((h) => this.sheetView(ctx.actor, l, h)) };
  }

  async exportSheet(ctx: RequestContext, sheetId: string) {
    const { h, l } = await this.loadSheet(this.store.repos, ctx, sheetId);
    sheetPolicy.authorize(ctx.actor, 'export', factsOf(l));
    return { scheme: this.schemeView(ctx.actor, l), sheet: this.sheetView(ctx.actor, l, h) };
  }
}
