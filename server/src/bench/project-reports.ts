import {
  addDays,
  quarterDueDate,
  quarterlyReportBody,
  quarterStart,
  reportOpensOn,
  reportRateBody,
  type ProjectRating,
  type QuarterRef,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { runWithClock } from '../core/clock';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import { validated } from '../seed/factories';
import type { Rng } from '../seed/random';
import { inParallel } from './seed';

/**
 * When the approved projects live their lives. They are declared and approved early in the
 * overview quarter (under a simulated clock, as the demo seed replays a year), so that quarter's
 * report exists and — being the latest quarter whose filing window has opened by today — can be
 * filed on time, filed late, or still be pending (overdue once its due date has passed).
 */
export interface Timeline {
  /** The quarter the overview scenario shows. */
  quarter: QuarterRef;
  declareAt: Date;
  approveAt: Date;
  opensOn: string;
  dueDate: string;
  /** Today in Asia/Shanghai (the real clock). */
  today: string;
  /** True when no quarter of this year has opened for filing yet (January, February): reports are filed at a future date. */
  future: boolean;
}

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
const minDate = (a: Date, b: Date) => (a < b ? a : b);

export function timeline(now: Date, reportDueDays: number): Timeline {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const quarters = ([4, 3, 2, 1] as const).map((quarter) => ({ year, quarter }));
  const open = quarters.find((q) => reportOpensOn(q) <= today);
  const quarter = open ?? { year, quarter: 1 as const };
  const approveAt = minDate(at(addDays(quarterStart(quarter), 7)), now);
  return {
    quarter,
    declareAt: new Date(approveAt.getTime() - 5 * 86_400_000),
    approveAt,
    opensOn: reportOpensOn(quarter),
    dueDate: quarterDueDate(quarter, reportDueDays),
    today,
    future: !open,
  };
}

export interface ReportCounts {
  filedOnTime: number;
  filedLate: number;
  rated: number;
  pending: number;
  ratings: Record<ProjectRating, number>;
  ms: number;
}

interface Plan {
  projectId: string;
  secretary: RequestContext;
  fileAt: Date | null;
  late: boolean;
  rate: { at: Date; rating: ProjectRating } | null;
}

const COMMENTS: Record<ProjectRating, string> = {
  on_track: '进展顺利，措施有力。',
  lagging: '进度滞后，请加快推进。',
  at_risk: '存在风险，需重点督导。',
};

/** Decides who files when (on time ~55%, late ~15% once the due date has passed, the rest pending) and who is rated. */
function plan(rng: Rng, t: Timeline, now: Date, projects: { id: string; secretary: RequestContext }[]): Plan[] {
  const lateWindow = t.today > addDays(t.dueDate, 1);
  return projects.map(({ id, secretary }) => {
    const roll = rng.next();
    const late = lateWindow && roll >= 0.55 && roll < 0.7;
    let fileAt: Date | null = null;
    if (t.future) fileAt = roll < 0.7 ? at(t.opensOn) : null;
    else if (roll < 0.55) fileAt = minDate(at(addDays(t.opensOn, rng.int(0, 40)), `${rng.int(9, 17)}:15`), now);
    else if (late) fileAt = minDate(at(addDays(t.dueDate, rng.int(1, 30)), `${rng.int(9, 17)}:40`), now);
    if (fileAt && fileAt > at(t.dueDate, '23:59') && !late && !t.future) fileAt = at(t.dueDate, '16:00');
    let rate: Plan['rate'] = null;
    if (fileAt && rng.chance(0.7)) {
      const r = rng.next();
      const rating: ProjectRating = r < 0.75 ? 'on_track' : r < 0.93 ? 'lagging' : 'at_risk';
      const rateAt = new Date(fileAt.getTime() + rng.int(1, 8) * 86_400_000);
      rate = { at: t.future ? rateAt : minDate(rateAt, now), rating };
    }
    return { projectId: id, secretary, fileAt, late, rate };
  });
}

/**
 * Files the overview quarter's report of a share of the approved projects through
 * `services.quarterlyReports.file` (as their secretary) and rates some through
 * `services.quarterlyReports.rate` (as city staff), each at its planned time.
 */
export async function fileAndRate(
  services: Services,
  staff: RequestContext,
  approved: { id: string; secretary: RequestContext }[],
  t: Timeline,
  rng: Rng,
  concurrency: number,
): Promise<ReportCounts> {
  const started = performance.now();
  const now = new Date();
  const plans = plan(rng, t, now, approved);
  const { year, quarter } = t.quarter;
  const counts: ReportCounts = {
    filedOnTime: 0,
    filedLate: 0,
    rated: 0,
    pending: 0,
    ratings: { on_track: 0, lagging: 0, at_risk: 0 },
    ms: 0,
  };
  await inParallel(plans, concurrency, async (p) => {
    if (!p.fileAt) {
      counts.pending++;
      return;
    }
    const indicators = await services.store.repos.progress.indicators(p.projectId);
    const share = 0.3 + rng.next() * 0.5;
    const body = validated(quarterlyReportBody, {
      year,
      quarter,
      progress: '完成辖区摸排，建立工作台账；组织专题培训两场，新建党组织三个。',
      crux: '部分企业负责人重视不够，党员流动性大。',
      nextPlan: '下季度完成指导员选派全覆盖，开展“亮身份”活动。',
      indicatorValues: indicators.map((i) => ({
        indicatorId: i.id,
        value: Math.round(i.baseline + (i.target - i.baseline) * share),
      })),
      attachmentIds: [],
    });
    const fileAt = p.fileAt;
    const report = await runWithClock(
      () => fileAt,
      () => services.quarterlyReports.file(p.secretary, p.projectId, body),
    );
    if (p.late) counts.filedLate++;
    else counts.filedOnTime++;
    if (!p.rate) return;
    const { rating, at: rateAt } = p.rate;
    await runWithClock(
      () => rateAt,
      () =>
        services.quarterlyReports.rate(
          staff,
          report.id,
          validated(reportRateBody, { rating, comment: COMMENTS[rating], version: report.version }),
        ),
    );
    counts.rated++;
    counts.ratings[rating]++;
  });
  counts.ms = performance.now() - started;
  return counts;
}
