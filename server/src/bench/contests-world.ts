import { contestCreateBody, DEFAULT_RUBRIC, type ContestCreateBody, type ContestView } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  DEMO_PASSWORD,
  submitProject,
  validated,
} from '../seed/factories';
import { Rng } from '../seed/random';
import type { PlannedSheet } from './contests-client';
import { inParallel, type BenchTree } from './seed';

/** The contest world: a campaign with approved projects, a panel of judges, a contest on stage. */
export interface ContestWorld {
  contestId: string;
  /** Drawn presentation order. */
  order: string[];
  staff: { login: string; password: string };
  judges: { login: string; password: string; id: string }[];
  /** The API's cap on a panel (contestCreateBody.judgeIds), when the panel is larger; null when it fits. */
  apiJudgeCap: number | null;
  seedMs: number;
  /** Wall time of creating the judges through `services.users.create` (argon2 hash each). */
  judgesMs: number;
}

/** A declaration of the campaign, submitted, scheduled and approved (as server/test/probes/contests.ts does). */
async function approvedProject(
  s: Services,
  admin: RequestContext,
  secretary: RequestContext,
  input: { campaignId: string; orgId: string; title: string },
  rng: Rng,
): Promise<string> {
  const p = await submitProject(s, secretary, {
    campaignId: input.campaignId,
    orgId: input.orgId,
    content: declarationInput(rng, { title: input.title }),
  });
  await s.store.tx(async (repos) => {
    const row = await s.projects.row(repos, admin, p.id);
    await s.projects.transition(repos, admin, row, 'schedule', ['staff']);
    await s.projectDecisions.apply(repos, admin, p.id, 'approve', null);
  });
  return p.id;
}

/** The largest panel the create body accepts, found by asking the schema. */
function judgeCap(body: Record<string, unknown>, judgeIds: string[]): number {
  let lo = 1;
  let hi = judgeIds.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (contestCreateBody.safeParse({ ...body, judgeIds: judgeIds.slice(0, mid) }).success) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Seeds, through the services: a city staff user (host and big screen), a county secretary, a
 * published campaign at the city with `projects` approved projects of that county, `judges`
 * users with the judge role bound at the city 社工部 (so no judge is excluded from any project),
 * and a contest with all of them, drawn, ready and started, the first presenter on stage.
 */
export async function seedContest(
  services: Services,
  admin: RequestContext,
  tree: BenchTree,
  counts: { judges: number; projects: number; lanes: number },
): Promise<ContestWorld> {
  const started = performance.now();
  const rng = new Rng(20_262);
  const staffUser = await createUser(services, admin, {
    username: 'bench_contest_staff',
    roles: [{ role: 'staff', orgId: tree.cityId }],
  });
  const staff = contextFor(await actorOf(services, staffUser.id), 'bench');
  const county = tree.counties[0]!;
  const secUser = await createUser(services, admin, {
    username: 'bench_contest_sec',
    roles: [{ role: 'secretary', orgId: county.committeeId }],
  });
  const secretary = contextFor(await actorOf(services, secUser.id), 'bench');
  const campaign = await createCampaign(services, admin, {
    orgId: tree.cityId,
    name: '比武打擂基准书记项目',
    codePrefix: 'BW',
  });
  const projectIds: string[] = [];
  for (let i = 0; i < counts.projects; i++) {
    projectIds.push(
      await approvedProject(
        services,
        admin,
        secretary,
        { campaignId: campaign.id, orgId: county.committeeId, title: `${county.place}比武项目${i + 1}` },
        rng,
      ),
    );
  }

  const judgesStarted = performance.now();
  const logins = Array.from({ length: counts.judges }, (_, i) => `bench_judge_${String(i + 1).padStart(3, '0')}`);
  const judgeIds = new Map<string, string>();
  await inParallel(logins, counts.lanes, async (username) => {
    const u = await createUser(services, admin, { username, roles: [{ role: 'judge', orgId: tree.cityId }] });
    judgeIds.set(username, u.id);
  });
  const judgesMs = performance.now() - judgesStarted;

  const ids = logins.map((l) => judgeIds.get(l)!);
  const input = {
    campaignId: campaign.id,
    name: `${county.place}${campaign.year}年度书记项目比武（${counts.judges}名评委）`,
    contestDate: `${campaign.year}-12-20`,
    venue: '市委党校礼堂',
    minutesPerTalk: 8,
    projectIds,
  };
  // The create body caps the panel; a larger one goes to the service as the validated body would.
  let body: ContestCreateBody;
  let apiJudgeCap: number | null = null;
  if (contestCreateBody.safeParse({ ...input, judgeIds: ids }).success) {
    body = validated(contestCreateBody, { ...input, judgeIds: ids });
  } else {
    apiJudgeCap = judgeCap(input, ids);
    body = { ...validated(contestCreateBody, { ...input, judgeIds: ids.slice(0, apiJudgeCap) }), judgeIds: ids };
  }
  const c = services.contests;
  let v: ContestView = await c.create(staff, body);
  if (v.judges.length !== counts.judges) throw new Error(`contest has ${v.judges.length} judges, not ${counts.judges}`);
  v = await c.draw(staff, v.id, { version: v.version, reason: null });
  v = await c.ready(staff, v.id, v.version);
  v = await c.start(staff, v.id, v.version);
  v = await c.next(staff, v.id, v.version);
  const order = [...v.projects].sort((a, b) => a.position! - b.position!).map((p) => p.projectId);
  if (v.currentProjectId !== order[0]) throw new Error('the first drawn project is not on stage');
  return {
    contestId: v.id,
    order,
    staff: { login: staffUser.username, password: DEMO_PASSWORD },
    judges: logins.map((login) => ({ login, password: DEMO_PASSWORD, id: judgeIds.get(login)! })),
    apiJudgeCap,
    seedMs: performance.now() - started,
    judgesMs,
  };
}

/** The host closes scoring for the project on stage and brings on the next one; returns it (null: finished). */
export async function nextPresenter(services: Services, staff: RequestContext, contestId: string, on: string) {
  let v = await services.contests.get(staff, contestId);
  v = await services.contests.close(staff, contestId, on, v.version);
  v = await services.contests.next(staff, contestId, v.version);
  return v.currentProjectId;
}

/** A judge's sheet: random whole points within each criterion's maximum of the default rubric. */
export function plannedSheet(rng: Rng, judge: string): PlannedSheet {
  const scores: Record<string, number> = {};
  for (const c of DEFAULT_RUBRIC.criteria) scores[c.code] = rng.int(Math.ceil(c.maxPoints * 0.6), c.maxPoints);
  return { judge, scores, total: Object.values(scores).reduce((a, b) => a + b, 0) };
}
