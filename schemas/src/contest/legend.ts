import type { Locale } from '../i18n';
import { aggregationConfigSchema, type AggregationConfigInput } from './config';
import type { Rubric } from './rubric';
import { cleanFraction, round2 } from './stats';

const pct = (f: number) => `${cleanFraction(f * 100)}%`;
const num = (x: number) => String(round2(x));

/**
 * The rules behind a result page, one sentence per line, in the page's language. Derived from the
 * same config the engine ran with, so the legend cannot drift from the numbers. Pass the rubric to
 * include the criteria and their weights.
 */
export function legend(configInput: AggregationConfigInput, locale: Locale, rubric?: Rubric): string[] {
  const c = aggregationConfigSchema.parse(configInput);
  const zh = locale === 'zh-CN';
  const lines: string[] = [];
  const d = c.dailyWork;

  if (rubric) {
    const parts = rubric.criteria.map((k) =>
      zh
        ? `${k.name}${k.maxPoints}分（${pct(k.maxPoints / 100)}）`
        : `${k.name} ${k.maxPoints} (${pct(k.maxPoints / 100)})`,
    );
    lines.push(
      zh
        ? `评分细则：${parts.join('、')}，满分100分。评委总分为各项得分之和，每项为0至该项满分的整数。`
        : `Rubric: ${parts.join(', ')}; full mark 100. A judge's total is the sum of the criterion scores, each a whole number from 0 to its maximum.`,
    );
  }

  lines.push(
    zh
      ? '回避：评委不为本单位项目和申报有利益冲突的项目评分；项目得分只用有效评委的评分计算，回避情况逐项列明。'
      : "Conflicts: judges do not score their own organisation's projects or projects they declared a conflict with; a project's score uses only its eligible judges, and every exclusion is listed.",
  );

  if (c.method === 'mean') {
    lines.push(
      zh ? '现场得分：全部有效评委总分的算术平均。' : "Stage score: the plain mean of the eligible judges' totals.",
    );
  } else if (c.method === 'trimmed') {
    const n = c.trimMinJudges;
    lines.push(
      zh
        ? `现场得分：有效评委${n}人及以上时，去掉一个最高分和一个最低分后取算术平均；不足${n}人时取全部总分的算术平均。` +
            '最高或最低分有多个相同时只去掉一个：总分从低到高排列、同分按评委编号先后，去掉首尾各一个（所去分值相同，不影响结果）。'
        : `Stage score: with ${n} or more eligible judges, the single highest and single lowest totals are dropped and the rest averaged; with fewer, the plain mean of all totals. ` +
            'When several totals tie for highest or lowest only one is dropped: totals are ordered low to high, equal ones by judge id, and the first and last are dropped (the dropped value is the same either way).',
    );
  } else {
    const m = c.zMinProjects;
    lines.push(
      zh
        ? `标准分校正：评分不少于${m}个项目且所打总分不全相同的评委，先算标准分 z =（总分 − 该评委平均分）÷ 该评委标准差，` +
            '再折算为“校正评委全部总分的平均分 + z × 其标准差”（标准差按总体计算，即除以n），结果超出0–100的按边界计。' +
            `评分少于${m}个项目或所打总分全部相同的评委不作校正，按原始总分计，并予标注；没有评委满足条件时全部按原始总分计。` +
            '现场得分为各评委（校正后或原始）总分的算术平均。'
        : `Normalisation: for a judge who scored at least ${m} projects with totals that differ, z = (total − judge's mean) ÷ judge's standard deviation, ` +
            'mapped back to (mean + z × standard deviation) of all totals given by the normalised judges (population standard deviation, dividing by n), kept within 0–100. ' +
            `A judge who scored fewer than ${m} projects, or gave every project the same total, keeps raw totals and is flagged; if no judge qualifies, all totals stay raw. ` +
            "The stage score is the plain mean of the judges' normalised or raw totals.",
    );
  }

  if (d.enabled) {
    const p = d.points;
    lines.push(
      zh
        ? `日常工作得分：项目各季度已评定报告的平均分（进展顺利${num(p.on_track)}分、进度滞后${num(p.lagging)}分、存在风险${num(p.at_risk)}分）。` +
            `最终得分 = 现场得分 × ${pct(1 - d.weight)} + 日常工作得分 × ${pct(d.weight)}；没有季度评定的项目只计现场得分，并予标注。`
        : `Daily-work points: the mean over the project's rated quarterly reports (on track ${num(p.on_track)}, lagging ${num(p.lagging)}, at risk ${num(p.at_risk)}). ` +
            `Final score = stage score × ${pct(1 - d.weight)} + daily-work points × ${pct(d.weight)}; a project without ratings gets its stage score alone and is flagged.`,
    );
  } else {
    lines.push(
      zh ? '最终得分即现场得分（不计日常工作）。' : 'The final score is the stage score (daily work not counted).',
    );
  }

  lines.push(
    zh
      ? '计算过程保留全部精度，显示时四舍五入保留两位小数；排名和定等按显示的两位小数比较。'
      : 'Every step keeps full precision; scores are shown rounded half up to 2 decimals, and ranking and grading compare these displayed values.',
  );

  lines.push(
    zh
      ? `排名：按最终得分从高到低；相同的，现场得分高者在前${d.enabled ? '；仍相同的，日常工作得分高者在前（无季度评定者在后）' : ''}；仍相同的并列，并列占用名次（如1、2、2、4），按出场顺序列出。`
      : `Ranking: by final score, highest first; ties go to the higher stage score${d.enabled ? ', then to the higher daily-work points (projects without ratings last)' : ''}; projects still equal share a rank and the next rank is skipped (1, 2, 2, 4), listed in presentation order.`,
  );

  const g = c.grading;
  if (g.mode === 'thresholds') {
    const t = g.thresholds;
    lines.push(
      zh
        ? `定等：最终得分${num(t.good)}分及以上为好，${num(t.fair)}分及以上为较好，${num(t.average)}分及以上为一般，${num(t.average)}分以下为差。`
        : `Grades: 好 (good) from ${num(t.good)}, 较好 (fairly good) from ${num(t.fair)}, 一般 (average) from ${num(t.average)}, 差 (poor) below ${num(t.average)}.`,
    );
  } else {
    const q = g.quotas;
    const c2 = cleanFraction(q.good + q.fair);
    const c3 = cleanFraction(c2 + q.average);
    lines.push(
      zh
        ? `定等：按排名依次确定，好不超过参评项目数的${pct(q.good)}，好和较好合计不超过${pct(c2)}，好、较好和一般合计不超过${pct(c3)}（人数均向下取整），其余为差。` +
            '名次并列的项目等次相同；并列项目一起超出比例时，一律定为较低等次，比例不会超出。'
        : `Grades by quota, down the ranking: 好 for at most ${pct(q.good)} of the ranked projects, 好 and 较好 together at most ${pct(c2)}, the three upper grades together at most ${pct(c3)} (counts rounded down); the rest 差. ` +
            'Projects sharing a rank share a grade; when a tied group would exceed a quota, the whole group takes the lower grade, so no quota is ever exceeded.',
    );
  }

  lines.push(
    zh
      ? '没有有效评分的项目不参与排名和定等。'
      : 'A project without any eligible score sheet is neither ranked nor graded.',
  );
  return lines;
}
