import {
  assessmentSchemeBody,
  assessmentSheetValuesBody,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_MAPPING,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  conflictCreateBody,
  contestCreateBody,
  DEFAULT_AGGREGATION_CONFIG,
  DEFAULT_RUBRIC,
  sheetSubmitBody,
  type ContestView,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { at, createUser, ctxOf, validated } from './factories';
import { Rng } from './random';

/** Judges: the locality's demo judge plus new ones on the root, and some bound to a committee (auto-excluded). */
async function judges(
  services: Services,
  staff: RequestContext,
  loc: SeededLocality,
  count: number,
  onCommittees: number,
): Promise<RequestContext[]> {
  const out = [await ctxOf(services, `${loc.key}_judge`)];
  for (let i = 2; i <= count; i++) {
    const username = `${loc.key}_judge_${i}`;
    const committee = i > count - onCommittees ? loc.committees[(i - 1) % loc.committees.length]! : null;
    if (!(await services.store.repos.users.byLogin(username, '-'))) {
      await createUser(services, staff, { username, roles: [{ role: 'judge', orgId: committee?.id ?? loc.root.id }] });
    }
    out.push(await ctxOf(services, username));
  }
  return out;
}

async function approvedProjectIds(services: Services, staff: RequestContext, campaignPrefix: string) {
  const page = await services.projects.list(staff, {
    status: 'approved',
    limit: 200,
    withTotal: false,
    overdue: undefined,
  });
  return page.items.filter((p) => p.code?.startsWith(`${campaignPrefix}-`));
}

/** 海阳市 2025: the 31 claimed projects on stage, 7 judges (two bound to committees, one declared conflict), published. */
async function heldContest(services: Services, clock: SimulatedClock, hy: SeededLocality) {
  const rng = new Rng(1226);
  clock.set(at('2025-12-10 10:00'));
  const staff = await ctxOf(services, 'hy_staff');
  const panel = await judges(services, staff, hy, 7, 2);
  const projects = await approvedProjectIds(services, staff, 'HY');
  let contest: ContestView = await services.contests.create(
    staff,
    validated(contestCreateBody, {
      campaignId: projects[0]!.campaignId,
      name: '2025年度新兴领域书记攻坚项目比武打擂',
      contestDate: '2025-12-26',
      venue: '海阳市民文化中心报告厅',
      minutesPerTalk: 5,
      projectIds: projects.map((p) => p.id),
      judgeIds: panel.map((j) => j.actor.userId),
      rubric: DEFAULT_RUBRIC,
      config: {
        ...DEFAULT_AGGREGATION_CONFIG,
        method: 'trimmed',
        trimMinJudges: 5,
        dailyWork: { ...DEFAULT_AGGREGATION_CONFIG.dailyWork, enabled: true, weight: 0.3 },
      },
    }),
  );
  contest = await services.contests.addConflict(
    staff,
    contest.id,
    validated(conflictCreateBody, {
      judgeId: panel[1]!.actor.userId,
      projectId: projects[3]!.id,
      reason: '评委曾在该项目牵头单位任职，主动申请回避。',
    }),
  );
  clock.set(at('2025-12-20 15:00'));
  contest = await services.contests.draw(staff, contest.id, { version: contest.version, reason: null });
  contest = await services.contests.ready(staff, contest.id, contest.version);
  clock.set(at('2025-12-26 09:00'));
  contest = await services.contests.start(staff, contest.id, contest.version);
  // The host calls the first presenter.
  if (!contest.currentProjectId) contest = await services.contests.next(staff, contest.id, contest.version);
  const quality = new Map(
    projects.map((p) => [p.id, p.latestRating === 'on_track' ? 0.86 : p.latestRating === 'lagging' ? 0.74 : 0.62]),
  );
  while (contest.currentProjectId) {
    const current = contest.currentProjectId;
    clock.advanceMinutes(5);
    const q = quality.get(current)! + (rng.next() - 0.5) * 0.12;
    for (const [i, judge] of panel.entries()) {
      const view = await services.contests.get(judge, contest.id);
      const mine = view.projects.find((p) => p.projectId === current)?.mine;
      if (!mine?.eligible) continue;
      const bias = (i - 3) * 0.015;
      const scores = Object.fromEntries(
        DEFAULT_RUBRIC.criteria.map((c) => [
          c.code,
          Math.max(0, Math.min(c.maxPoints, Math.round(c.maxPoints * (q + bias + (rng.next() - 0.5) * 0.08)))),
        ]),
      );
      await services.contests.submit(judge, contest.id, current, validated(sheetSubmitBody, { scores }));
    }
    clock.advanceMinutes(1);
    contest = await services.contests.get(staff, contest.id);
    contest = await services.contests.close(staff, contest.id, current, contest.version);
    contest = await services.contests.next(staff, contest.id, contest.version);
  }
  clock.set(at('2025-12-26 12:10'));
  await services.contests.publish(staff, contest.id, contest.version);
  await assessment(services, clock, staff, hy, contest.id, rng);
}

/** 海阳市 2025 annual assessment: the 书记项目 item filled from the contest, the other items entered by staff. */
async function assessment(
  services: Services,
  clock: SimulatedClock,
  staff: RequestContext,
  hy: SeededLocality,
  contestId: string,
  rng: Rng,
) {
  clock.set(at('2026-01-12 10:00'));
  let scheme = await services.assessments.createScheme(
    staff,
    validated(assessmentSchemeBody, {
      orgId: hy.root.id,
      year: 2025,
      name: '2025年度新兴领域党组织党建工作考核',
      items: DEFAULT_ASSESSMENT_ITEMS,
      mapping: DEFAULT_ASSESSMENT_MAPPING,
      thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
    }),
  );
  await services.assessments.fillFromContest(staff, scheme.id, contestId);
  clock.set(at('2026-01-20 16:00'));
  const sheets = await services.assessments.listSheets(staff, scheme.id, { limit: 200 });
  for (const sheet of sheets.items) {
    const values = Object.fromEntries(
      DEFAULT_ASSESSMENT_ITEMS.filter((i) => i.source === 'manual').map((i) => [
        i.code,
        Math.round(i.maxPoints * (0.72 + rng.next() * 0.26) * 2) / 2,
      ]),
    );
    await services.assessments.updateSheet(
      staff,
      sheet.id,
      validated(assessmentSheetValuesBody, { values, version: sheet.version }),
    );
  }
  scheme = await services.assessments.getScheme(staff, scheme.id);
  await services.assessments.setStatus(staff, scheme.id, { status: 'published', version: scheme.version });
}

/**
 * 丹东市: the 8 approved projects' contest for 2025, held in the January after the year (Q4 reports
 * are due on 2026-01-10 and rated on the 18th), set up and drawn but not yet held — a visitor can
 * run it live.
 */
async function readyContest(services: Services, clock: SimulatedClock, dd: SeededLocality) {
  clock.set(at('2026-01-19 10:00'));
  const staff = await ctxOf(services, 'dd_staff');
  const panel = await judges(services, staff, dd, 5, 1);
  const projects = await approvedProjectIds(services, staff, 'DD');
  let contest = await services.contests.create(
    staff,
    validated(contestCreateBody, {
      campaignId: projects[0]!.campaignId,
      name: '2025年度新兴领域书记项目比武打擂',
      contestDate: '2026-01-23',
      venue: '丹东市委党校大礼堂',
      minutesPerTalk: 5,
      projectIds: projects.map((p) => p.id),
      judgeIds: panel.map((j) => j.actor.userId),
      rubric: DEFAULT_RUBRIC,
      config: DEFAULT_AGGREGATION_CONFIG,
    }),
  );
  clock.set(at('2026-01-21 16:00'));
  contest = await services.contests.draw(staff, contest.id, { version: contest.version, reason: null });
  await services.contests.ready(staff, contest.id, contest.version);
}

export async function seedContestDemo(services: Services, localities: SeededLocality[]) {
  const clock = new SimulatedClock('2025-12-10T02:00:00Z');
  await runWithClock(clock.now, () =>
    heldContest(
      services,
      clock,
      localities.find((l) => l.key === 'hy')!,
    ),
  );
  await runWithClock(clock.now, () =>
    readyContest(
      services,
      clock,
      localities.find((l) => l.key === 'dd')!,
    ),
  );
}
