import {
  aggregationConfigSchema,
  rubricSchema,
  type AggregationConfig,
  type ContestExclusionView,
  type ContestProjectView,
  type ContestStatus,
  type ContestView,
  type Exclusion,
  type PresentationPhase,
  type Rubric,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { notFound } from '../../core/errors';
import type { Store } from '../../store';
import type { ContestEvents } from './contests.events';
import {
  contestAbilities,
  contestManageScope,
  contestPolicy,
  contestReadScope,
  type ContestAction,
  type ContestFacts,
  type ContestStanding,
} from './contests.policy';
import type { ContestProjectRow, ContestRow, SheetRow } from './contests.repository';

/** The repositories the contest service and its parts declare: services.ts gives it `store.view(…)` of exactly these. */
export type ContestsStore = Store<'audit' | 'campaigns' | 'contests' | 'partyOrgs'>;
export type ContestsRepos = ContestsStore['repos'];

/**
 * What the parts of the contest service share (set-up, host console, judges' sheets, results):
 * loading a contest the caller reaches, the panel with its exclusions, and the contest view.
 * Every helper takes the `repos` to read through — the pool's, or a transaction's inside
 * `store.tx(...)` (SQLite has one connection: reading through the pool there would wait forever).
 */

/** The daily-work ratings frozen when the results were published (contests.daily_work_ratings). */
export interface DailyWorkSnapshot {
  asOf: string;
  ratings: Record<string, string[]>;
}

/** A contest with its parsed rubric and rules. */
export interface ContestData {
  k: ContestRow;
  rubric: Rubric;
  config: AggregationConfig;
  /** Set once the results are published. */
  dailyWork: DailyWorkSnapshot | null;
}

/** A contest the caller reaches, with how they stand towards it and its parsed rubric and rules. */
export interface Loaded extends ContestData {
  standing: ContestStanding;
}

/** The panel of one contest: judges, projects, and who is excluded from which project. */
export interface Panel {
  judges: { id: string; name: string }[];
  projects: ContestProjectRow[];
  /** One entry per (judge, project) excluded, for the engine. */
  exclusions: Exclusion[];
  /** Every exclusion with its details (a declared conflict on a same-org pair is listed too). */
  details: ContestExclusionView[];
  eligible: (judgeId: string, projectId: string) => boolean;
  eligibleCount: (projectId: string) => number;
}

/** Whether the caller manages contests of a campaign owned by this 社工部 node. */
export async function isManager(repos: ContestsRepos, ctx: RequestContext, campaignOrgId: string): Promise<boolean> {
  const s = contestManageScope(ctx.actor);
  if (s.all) return true;
  return s.orgIds.length > 0 && repos.partyOrgs.inScope(s, campaignOrgId);
}

function parsed(k: ContestRow): ContestData {
  return {
    k,
    rubric: rubricSchema.parse(JSON.parse(k.rubric)),
    config: aggregationConfigSchema.parse(JSON.parse(k.config)),
    dailyWork: k.dailyWorkRatings ? (JSON.parse(k.dailyWorkRatings) as DailyWorkSnapshot) : null,
  };
}

/** The contest if the caller reaches it (404 otherwise), with how they stand towards it. */
export async function load(repos: ContestsRepos, ctx: RequestContext, id: string): Promise<Loaded> {
  const k = await repos.contests.get(contestReadScope(ctx.actor), id);
  if (!k) throw notFound();
  const manager = await isManager(repos, ctx, k.campaignOrgId);
  const judge = ctx.actor.permissions.has('contest.score') && (await repos.contests.isJudge(id, ctx.actor.userId));
  return { ...parsed(k), standing: { manager, judge } };
}

/**
 * The contest for no one in particular (undefined when there is none): for what is computed once
 * and then cut per viewer, such as the live board. Callers check each viewer's access themselves.
 */
export async function loadUnscoped(repos: ContestsRepos, id: string): Promise<ContestData | undefined> {
  const k = await repos.contests.get({ managed: { all: true }, judgeUserId: null }, id);
  return k && parsed(k);
}

/**
 * The contest if the caller reaches it (404 otherwise) and `contestPolicy` lets them take `action`
 * on it: 403 FORBIDDEN for a caller who reads it but may not (a judge on the host console), or the
 * rule's own code when only the contest's status stands in the way (e.g. 409 INVALID_TRANSITION).
 */
export async function loadFor(
  repos: ContestsRepos,
  ctx: RequestContext,
  id: string,
  action: ContestAction,
): Promise<Loaded> {
  const l = await load(repos, ctx, id);
  contestPolicy.authorize(ctx.actor, action, factsOf(l));
  return l;
}

/** What `contestPolicy` decides on for a loaded contest. */
export const factsOf = (l: Loaded): ContestFacts => ({ standing: l.standing, status: l.k.status as ContestStatus });

export async function panelOf(repos: ContestsRepos, contestId: string): Promise<Panel> {
  const judges = await repos.contests.judges(contestId);
  const projects = await repos.contests.projects(contestId);
  const judgeIds = new Set(judges.map((j) => j.id));
  const projectIds = new Set(projects.map((p) => p.projectId));
  const judgeName = new Map(judges.map((j) => [j.id, j.name]));
  const byOrg = new Map<string, string[]>();
  for (const p of projects) byOrg.set(p.orgId, [...(byOrg.get(p.orgId) ?? []), p.projectId]);
  const excluded = new Map<string, Exclusion>();
  const details: ContestExclusionView[] = [];
  const key = (j: string, p: string) => `${j}|${p}`;
  for (const pair of await repos.contests.relatedPairs(contestId, [...judgeIds], [...byOrg.keys()])) {
    for (const projectId of byOrg.get(pair.orgId) ?? []) {
      const k = key(pair.judgeId, projectId);
      if (excluded.has(k)) continue;
      excluded.set(k, { judgeId: pair.judgeId, projectId, reason: 'same_org' });
      details.push({
        judgeId: pair.judgeId,
        judgeName: judgeName.get(pair.judgeId) ?? '',
        projectId,
        reason: 'same_org',
        conflictId: null,
        note: null,
      });
    }
  }
  for (const c of await repos.contests.conflicts(contestId)) {
    if (!judgeIds.has(c.judgeId) || !projectIds.has(c.projectId)) continue;
    const k = key(c.judgeId, c.projectId);
    if (!excluded.has(k)) excluded.set(k, { judgeId: c.judgeId, projectId: c.projectId, reason: 'declared_conflict' });
    details.push({
      judgeId: c.judgeId,
      judgeName: judgeName.get(c.judgeId) ?? '',
      projectId: c.projectId,
      reason: 'declared_conflict',
      conflictId: c.id,
      note: c.reason,
    });
  }
  return {
    judges,
    projects,
    exclusions: [...excluded.values()],
    details,
    eligible: (j, p) => judgeIds.has(j) && projectIds.has(p) && !excluded.has(key(j, p)),
    eligibleCount: (p) => judges.filter((j) => !excluded.has(key(j.id, p))).length,
  };
}

/**
 * A panel judge's seat for one project, read without loading the whole panel: the project's row when
 * it is on the contest and the judge is not excluded from it (bound to the declaring organisation
 * or to an ancestor or descendant of it, as `panelOf` finds with `relatedPairs`, or a declared
 * conflict); null otherwise. That the judge sits on the panel is the caller's check
 * (`standing.judge`). Agrees with `panelOf(...).eligible` for panel judges. `share`: hold the
 * presentation row (see `ContestsRepository.project`).
 */
export async function seatOf(
  repos: ContestsRepos,
  contestId: string,
  judgeId: string,
  projectId: string,
  opts: { share?: boolean } = {},
): Promise<ContestProjectRow | null> {
  const project = await repos.contests.project(contestId, projectId, opts);
  if (!project) return null;
  if ((await repos.contests.relatedPairs(contestId, [judgeId], [project.orgId])).length > 0) return null;
  if (await repos.contests.hasConflict(contestId, judgeId, projectId)) return null;
  return project;
}

/** Submitted sheets per project, counting only eligible judges. */
export function submittedCounts(panel: Panel, sheets: SheetRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of sheets) {
    if (panel.eligible(s.judgeId, s.projectId)) out.set(s.projectId, (out.get(s.projectId) ?? 0) + 1);
  }
  return out;
}

export async function contestView(repos: ContestsRepos, ctx: RequestContext, l: Loaded): Promise<ContestView> {
  const { k, standing } = l;
  const panel = await panelOf(repos, k.id);
  const sheets = await repos.contests.sheets(k.id);
  const counts = submittedCounts(panel, sheets);
  const me = ctx.actor.userId;
  const mine = new Set(sheets.filter((s) => s.judgeId === me).map((s) => s.projectId));
  const projects: ContestProjectView[] = panel.projects.map((p) => ({
    projectId: p.projectId,
    title: p.title,
    code: p.code,
    orgId: p.orgId,
    orgName: p.orgName,
    position: p.position,
    phase: p.phase as PresentationPhase,
    startedAt: p.startedAt,
    endsAt: p.endsAt,
    closedAt: p.closedAt,
    eligibleJudges: panel.eligibleCount(p.projectId),
    submitted: counts.get(p.projectId) ?? 0,
    mine: standing.judge ? { eligible: panel.eligible(me, p.projectId), submitted: mine.has(p.projectId) } : null,
  }));
  return {
    id: k.id,
    campaignId: k.campaignId,
    campaignName: k.campaignName,
    campaignOrgId: k.campaignOrgId,
    name: k.name,
    contestDate: k.contestDate,
    venue: k.venue,
    minutesPerTalk: k.minutesPerTalk,
    rubric: l.rubric,
    config: l.config,
    status: k.status as ContestStatus,
    drawSeed: k.drawSeed,
    drawAlgorithm: k.drawAlgorithm,
    drawnAt: k.drawnAt,
    currentProjectId: k.currentProjectId,
    startedAt: k.startedAt,
    finishedAt: k.finishedAt,
    publishedAt: k.publishedAt,
    judges: panel.judges,
    projects,
    exclusions: standing.manager ? panel.details : panel.details.filter((d) => d.judgeId === me),
    version: k.version,
    createdAt: k.createdAt,
    abilities: contestAbilities(ctx.actor, standing, k.status as ContestStatus),
  };
}

/** One concern of the contest service: the store to read and write, and the bus to announce changes on. */
export abstract class ContestPart {
  constructor(
    protected readonly store: ContestsStore,
    protected readonly events: ContestEvents,
  ) {}

  /** The contest as the caller sees it, read through the pool (after a write has committed). */
  async get(ctx: RequestContext, id: string): Promise<ContestView> {
    const repos = this.store.repos;
    return contestView(repos, ctx, await load(repos, ctx, id));
  }
}
