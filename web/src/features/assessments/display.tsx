import { Tag, Tooltip } from 'antd';
import {
  ASSESSMENT_GRADES,
  CONTEST_GRADE_CODES,
  CONTEST_GRADES,
  type AssessmentContestSource,
  type AssessmentGrade,
  type AssessmentItem,
  type AssessmentSchemeView,
} from '@touyan/schemas';
import { useLabel, useT } from '../../i18n';

export const GRADE_COLORS: Record<AssessmentGrade, string> = {
  excellent: 'green',
  good: 'blue',
  pass: 'gold',
  fail: 'red',
};

/** Points as people write them: `20`, `15.5`, `17.46` (at most two decimals, no trailing zeros). */
export function fmtPoints(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

export function GradeTag({ grade }: { grade: AssessmentGrade | null }) {
  const t = useT();
  const label = useLabel();
  return grade ? (
    <Tag color={GRADE_COLORS[grade]}>{label(ASSESSMENT_GRADES, grade)}</Tag>
  ) : (
    <Tooltip title={t('assessments.incompleteHint')}>
      <Tag>{t('assessments.incomplete')}</Tag>
    </Tooltip>
  );
}

export const contestItemOf = (items: readonly AssessmentItem[]) => items.find((it) => it.source === 'contest');

/** The scheme's mapping and thresholds in words, for the scheme's header. */
export function useSchemeRules() {
  const t = useT();
  const label = useLabel();
  return {
    mapping: (s: AssessmentSchemeView) => {
      const item = contestItemOf(s.items);
      const vars = { item: item?.name ?? '', max: item?.maxPoints ?? 0 };
      const m = s.mapping;
      return m.mode === 'grade'
        ? t('assessments.mappingSummaryGrade', {
            ...vars,
            list: CONTEST_GRADE_CODES.map((g) => `${label(CONTEST_GRADES, g)} ${fmtPoints(m.points[g])}`).join(' / '),
          })
        : t('assessments.mappingSummaryScore', { ...vars, factor: m.factor });
    },
    thresholds: (s: AssessmentSchemeView) =>
      [
        ...(['excellent', 'good', 'pass'] as const).map(
          (g) => `${label(ASSESSMENT_GRADES, g)} ≥ ${fmtPoints(s.thresholds[g])}`,
        ),
        t('assessments.otherwiseFail'),
      ].join(' · '),
  };
}

/** Where the 书记项目 points came from: contest, project, its grade and score. */
export function useSourceText() {
  const t = useT();
  const label = useLabel();
  return (src: AssessmentContestSource | null) => {
    if (!src) return t('assessments.sourceNone');
    const result = [
      src.grade ? t('assessments.sourceGrade', { g: label(CONTEST_GRADES, src.grade) }) : null,
      src.score !== null ? t('assessments.sourceScore', { n: fmtPoints(src.score) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return `${src.contestName}｜${src.projectCode ?? ''} ${src.projectTitle}｜${result}`;
  };
}
