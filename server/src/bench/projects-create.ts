import { declarationProblems, type CampaignView, type DeclarationContent, type ProjectStatus } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { runWithClock } from '../core/clock';
import { newId } from '../core/ids';
import { nowIso, shanghaiDate } from '../core/time';
import type { Services } from '../services';
import type { Repos } from '../store';
import type { Timeline } from './project-reports';
import { inParallel } from './seed';

export type Fate = Extract<ProjectStatus, 'draft' | 'submitted' | 'in_review' | 'returned' | 'rejected' | 'approved'>;

export interface Planned {
  committee: number;
  content: DeclarationContent;
  fate: Fate;
  id: string | null;
}

/** Declarations per transaction: one commit per 100 creates instead of one each. */
export const CREATE_BATCH = 100;
/** After this long, the remaining drafts and submissions go in through the repositories (see `viaRepos`). */
export const CREATE_BUDGET_MS = 90_000;

/** Runs `fn` as of `at` (a simulated clock, as the demo seed replays its year). */
const asOf = <T>(at: Date, fn: () => Promise<T>): Promise<T> => runWithClock(() => at, fn);

/**
 * What `ProjectsService.fire(…, 'submit')` does, inside the caller's transaction (fire opens a
 * transaction of its own, which cannot nest in the batch's): the declaration must be complete,
 * the content is snapshotted as version 1, and `transition` moves the project and records it.
 */
async function submitIn(services: Services, repos: Repos, ctx: RequestContext, id: string, themes: string[]) {
  const row = await services.projects.row(repos, ctx, id);
  const as = await services.projects.actorsOn(repos, ctx, row);
  const problems = declarationProblems(JSON.parse(row.content) as DeclarationContent, themes);
  if (Object.keys(problems).length) throw new Error(`incomplete declaration: ${JSON.stringify(problems)}`);
  const versionNo = row.versionNo + 1;
  await repos.projects.insertVersion({
    id: newId(),
    projectId: id,
    versionNo,
    content: row.content,
    submittedBy: ctx.actor.userId,
  });
  await services.projects.transition(repos, ctx, row, 'submit', as, { patch: { versionNo, submittedAt: nowIso() } });
}

/**
 * The shortcut past the budget: the rows `createDraftIn` and `submitIn` write, built the same way
 * (same fields, transitions, version snapshot), without their checks and audit rows.
 */
async function viaRepos(repos: Repos, ctx: RequestContext, p: Planned, campaignId: string, org: OrgRef) {
  const id = newId();
  const userId = ctx.actor.userId;
  await repos.projects.insert({
    id,
    campaignId,
    orgId: org.id,
    regionCode: org.regionCode,
    secretaryUserId: userId,
    status: 'draft',
    code: null,
    seq: null,
    title: p.content.title,
    theme: p.content.theme,
    targetGroup: p.content.targetGroup,
    challengeId: p.content.challengeId,
    content: JSON.stringify(p.content),
    latestRating: null,
    lastDecisionNote: null,
    completionSummary: null,
    terminationReason: null,
    submittedAt: null,
    approvedAt: null,
    closedAt: null,
    createdBy: userId,
  });
  const transition = (event: string, fromStatus: string | null, toStatus: string) =>
    repos.projects.insertTransition({
      id: newId(),
      projectId: id,
      event,
      fromStatus,
      toStatus,
      actorId: userId,
      actorName: ctx.actor.displayName,
      reason: null,
    });
  await transition('create', null, 'draft');
  if (p.fate === 'submitted') {
    await repos.projects.insertVersion({
      id: newId(),
      projectId: id,
      versionNo: 1,
      content: JSON.stringify(p.content),
      submittedBy: userId,
    });
    await repos.projects.update(id, 1, { status: 'submitted', versionNo: 1, submittedAt: nowIso() });
    await transition('submit', 'draft', 'submitted');
  }
  return id;
}

type OrgRef = { id: string; regionCode: string };

/**
 * Declares every planned project through `services.projects.createDraftIn` (as its committee's
 * secretary), CREATE_BATCH to a `services.store.tx`, `lanes` transactions at a time; those that go
 * further are submitted in the same transaction (`submitIn`). The approved-to-be are declared as of
 * the timeline's declaration day. Past CREATE_BUDGET_MS, plain drafts and submissions take `viaRepos`.
 */
export async function createAll(
  services: Services,
  campaign: CampaignView,
  planned: Planned[],
  secretaries: RequestContext[],
  t: Timeline,
  lanes: number,
) {
  const started = performance.now();
  const today = shanghaiDate();
  if (today < campaign.declareFrom || today > campaign.declareTo) throw new Error('declaration window closed');
  const themes = campaign.themes.map((th) => th.code);
  const orgs: OrgRef[] = [];
  for (const s of secretaries) {
    const orgId = s.actor.bindings.find((b) => b.role === 'secretary')!.orgId!;
    const org = await services.store.repos.partyOrgs.get({ all: true }, orgId);
    orgs.push({ id: orgId, regionCode: org!.regionCode });
  }
  const batches: Planned[][] = [];
  for (let i = 0; i < planned.length; i += CREATE_BATCH) batches.push(planned.slice(i, i + CREATE_BATCH));
  let throughServices = 0;
  let throughRepos = 0;
  await inParallel(batches, lanes, async (batch) => {
    const shortcut = performance.now() - started > CREATE_BUDGET_MS;
    await services.store.tx(async (repos) => {
      for (const p of batch) {
        const ctx = secretaries[p.committee]!;
        if (shortcut && (p.fate === 'draft' || p.fate === 'submitted')) {
          p.id = await viaRepos(repos, ctx, p, campaign.id, orgs[p.committee]!);
          throughRepos++;
          continue;
        }
        const declare = async () => {
          const id = await services.projects.createDraftIn(repos, ctx, {
            campaignId: campaign.id,
            orgId: orgs[p.committee]!.id,
            content: p.content,
          });
          if (p.fate !== 'draft') await submitIn(services, repos, ctx, id, themes);
          return id;
        };
        p.id = p.fate === 'approved' ? await asOf(t.declareAt, declare) : await declare();
        throughServices++;
      }
    });
  });
  return {
    ms: performance.now() - started,
    viaServices: throughServices,
    viaRepos: throughRepos,
    batch: CREATE_BATCH,
    lanes,
    budgetMs: CREATE_BUDGET_MS,
  };
}

const NOTES = { return: '请细化量化指标，明确覆盖对象数量', reject: '不符合本年度选题范围' } as const;

/**
 * Review outcomes as a closing review meeting applies them (and as server/test/projects.test.ts
 * does without the reviews module): `projects.transition(…, 'schedule', ['staff'])`, then
 * `projectDecisions.apply`, 50 to a transaction. Returns, rejections and those left in review run
 * in `lanes`; approvals (codes, milestones, indicators, pending quarterly reports) run in one lane,
 * since codes are numbered from the campaign's highest sequence, as of the timeline's approval day.
 */
export async function decideAll(
  services: Services,
  admin: RequestContext,
  planned: Planned[],
  t: Timeline,
  lanes: number,
) {
  const decide = (batch: Planned[]) =>
    services.store.tx(async (repos) => {
      for (const p of batch) {
        const row = await services.projects.row(repos, admin, p.id!);
        await services.projects.transition(repos, admin, row, 'schedule', ['staff']);
        if (p.fate === 'in_review') continue;
        const decision = p.fate === 'approved' ? 'approve' : p.fate === 'returned' ? 'return' : 'reject';
        const note = decision === 'approve' ? null : NOTES[decision];
        await services.projectDecisions.apply(repos, admin, p.id!, decision, note);
      }
    });
  const batches = (fates: Fate[]) => {
    const chosen = planned.filter((p) => fates.includes(p.fate));
    return Array.from({ length: Math.ceil(chosen.length / 50) }, (_, i) => chosen.slice(i * 50, i * 50 + 50));
  };
  await inParallel(batches(['in_review', 'returned', 'rejected']), lanes, decide);
  await asOf(t.approveAt, () => inParallel(batches(['approved']), 1, decide));
}
