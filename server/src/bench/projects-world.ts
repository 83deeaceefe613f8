import { addDays, DEFAULT_THEMES, TARGET_GROUP_CODES, type DeclarationContent, type QuarterRef } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import { actorOf, contextFor, createCampaign, createUser, declarationInput, DEMO_PASSWORD } from '../seed/factories';
import { Rng } from '../seed/random';
import { fileAndRate, timeline, type ReportCounts, type Timeline } from './project-reports';
import { createAll, decideAll, type Fate, type Planned } from './projects-create';
import { STAFF_COUNTY, type BenchTree } from './seed';

export const PROJECTS = 10_000;
/** How the 10,000 end up; the rest stay drafts. */
const FATES: readonly (readonly [Fate, number])[] = [
  ['approved', 500],
  ['in_review', 300],
  ['returned', 200],
  ['rejected', 200],
  ['submitted', 4_000],
];
/** Scenario (e): approved projects of one theme. */
export const LIST_FILTER = { status: 'approved', theme: 'serve_workers' } as const;
/** Scenario (f): one of 20 equally likely title words, so in ~5% of titles. */
export const SEARCH_WORD = '驿站';
const WORDS = [SEARCH_WORD, '先锋', '暖心', '聚力', '同心', '领航', '强基', '共建', '赋能', '融合'];
const MORE_WORDS = ['铸魂', '连心', '守望', '筑梦', '启航', '星火', '扬帆', '红心', '匠心', '携手'];
const TITLE_WORDS = [...WORDS, ...MORE_WORDS];

export interface ProjectWorld {
  campaignId: string;
  campaignYear: number;
  timeline: Timeline;
  staff: { login: string; password: string };
  secretary: { login: string; password: string; county: string };
  fates: Record<Fate, number>;
  /** What the scenarios must answer: rows matching (e), (f), visible to the county secretary (g), and approved (h). */
  expected: { filtered: number; search: number; secretary: number; approved: number };
  reports: ReportCounts;
  create: { ms: number; viaServices: number; viaRepos: number; batch: number; lanes: number; budgetMs: number };
  decisionsMs: number;
  totalMs: number;
}

function shuffled<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** 10,000 declarations over the committees, with themes, target groups and fates spread at random. */
function planProjects(rng: Rng, tree: BenchTree): Planned[] {
  const fates: Fate[] = FATES.flatMap(([fate, n]) => Array.from({ length: n }, () => fate));
  while (fates.length < PROJECTS) fates.push('draft');
  shuffled(rng, fates);
  return fates.map((fate, i) => {
    const committee = rng.int(0, tree.counties.length - 1);
    const theme = rng.pick(DEFAULT_THEMES);
    const content: DeclarationContent = declarationInput(rng, {
      title: `${tree.counties[committee]!.place}${rng.pick(TITLE_WORDS)}·${theme.name}项目${i + 1}`,
      theme: theme.code,
      targetGroup: rng.pick(TARGET_GROUP_CODES),
    });
    return { committee, content, fate, id: null };
  });
}

async function contextOf(services: Services, userId: string): Promise<RequestContext> {
  return contextFor(await actorOf(services, userId), 'bench');
}

/**
 * The project world: city staff, a secretary per county committee, one published campaign of the
 * current year, 10,000 declarations (see `createAll`), review outcomes (see `decideAll`), and the
 * overview quarter's reports filed and rated through the reports service.
 */
export async function seedProjects(
  services: Services,
  admin: RequestContext,
  tree: BenchTree,
  lanes: number,
  log: (msg: string) => void,
): Promise<ProjectWorld> {
  const started = performance.now();
  const rng = new Rng(20_260);
  const staffUser = await createUser(services, admin, {
    username: 'bench_city_staff',
    roles: [{ role: 'staff', orgId: tree.cityId }],
  });
  const secretaries: RequestContext[] = [];
  for (const [i, c] of tree.counties.entries()) {
    const user = await createUser(services, admin, {
      username: `bench_sec_${i + 1}`,
      roles: [{ role: 'secretary', orgId: c.committeeId }],
    });
    secretaries.push(await contextOf(services, user.id));
  }
  const staff = await contextOf(services, staffUser.id);
  const t = timeline(new Date(), 10);
  const declareOn = shanghaiDate(t.declareAt);
  const fallback = addDays(t.today, -30);
  const campaign = await createCampaign(services, admin, {
    orgId: tree.cityId,
    year: t.quarter.year,
    codePrefix: 'DD',
    declareFrom: declareOn < fallback ? declareOn : fallback,
    declareTo: addDays(t.today, 30),
  });

  const planned = planProjects(rng, tree);
  const byFate = (f: Fate) => planned.filter((p) => p.fate === f);
  const fates = Object.fromEntries(
    (['draft', ...FATES.map(([f]) => f)] as Fate[]).map((f) => [f, byFate(f).length]),
  ) as Record<Fate, number>;
  log(`declaring ${PROJECTS.toLocaleString('en-US')} projects (${lanes} lane(s) of transactions)`);
  const create = await createAll(services, campaign, planned, secretaries, t, lanes);
  log(
    `declared in ${(create.ms / 1000).toFixed(1)} s (${create.viaServices} through createDraftIn, ${create.viaRepos} through the repositories)`,
  );
  const decisionsStarted = performance.now();
  await decideAll(services, admin, planned, t, lanes);
  const decisionsMs = performance.now() - decisionsStarted;
  log(`review outcomes in ${(decisionsMs / 1000).toFixed(1)} s; filing and rating ${quarterName(t.quarter)} reports`);
  const approved = byFate('approved').map((p) => ({ id: p.id!, secretary: secretaries[p.committee]! }));
  const reports = await fileAndRate(services, staff, approved, t, rng, lanes);

  const county = tree.counties[STAFF_COUNTY]!;
  return {
    campaignId: campaign.id,
    campaignYear: campaign.year,
    timeline: t,
    staff: { login: staffUser.username, password: DEMO_PASSWORD },
    secretary: { login: `bench_sec_${STAFF_COUNTY + 1}`, password: DEMO_PASSWORD, county: county.name },
    fates,
    expected: {
      filtered: planned.filter((p) => p.fate === LIST_FILTER.status && p.content.theme === LIST_FILTER.theme).length,
      // Staff do not see a draft never submitted (projects.policy.ts): the search counts the rest.
      search: planned.filter((p) => p.fate !== 'draft' && p.content.title.includes(SEARCH_WORD)).length,
      secretary: planned.filter((p) => p.committee === STAFF_COUNTY).length,
      approved: fates.approved,
    },
    reports,
    create,
    decisionsMs,
    totalMs: performance.now() - started,
  };
}

export const quarterName = (q: QuarterRef) => `${q.year} Q${q.quarter}`;
