import { Tag } from 'antd';
import {
  DECISIONS,
  PROJECT_RATINGS,
  PROJECT_STATUSES,
  type Decision,
  type Locale,
  type ProjectRating,
  type ProjectStatus,
} from '@touyan/schemas';
import { useLabel } from '../../i18n';

const STATUS_COLORS: Record<ProjectStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  in_review: 'geekblue',
  returned: 'orange',
  rejected: 'red',
  approved: 'green',
  completed: 'cyan',
  terminated: 'default',
};

const RATING_COLORS: Record<ProjectRating, string> = { on_track: 'green', lagging: 'gold', at_risk: 'red' };
const DECISION_COLORS: Record<Decision, string> = { approve: 'green', return: 'orange', reject: 'red' };

export function ProjectStatusTag({ status, testId }: { status: ProjectStatus; testId?: string }) {
  const label = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} bordered={false} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {label(PROJECT_STATUSES, status)}
    </Tag>
  );
}

export function RatingTag({ rating }: { rating: ProjectRating | null }) {
  const label = useLabel();
  if (!rating) return null;
  return (
    <Tag color={RATING_COLORS[rating]} style={{ marginInlineEnd: 0 }}>
      {label(PROJECT_RATINGS, rating)}
    </Tag>
  );
}

export function DecisionTag({ decision }: { decision: Decision | null }) {
  const label = useLabel();
  if (!decision) return null;
  return (
    <Tag color={DECISION_COLORS[decision]} style={{ marginInlineEnd: 0 }}>
      {label(DECISIONS, decision)}
    </Tag>
  );
}

/** Integer fen shown as yuan: 1234500 → "12,345.00 元" / "CNY 12,345.00". */
export function formatYuan(fen: number | null | undefined, locale: Locale): string {
  if (fen === null || fen === undefined) return '';
  const n = (fen / 100).toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return locale === 'en' ? `CNY ${n}` : `${n} 元`;
}

/** A number without trailing noise: 85 → "85", 12.5 → "12.5". */
export function formatNumber(n: number | null | undefined, locale: Locale): string {
  if (n === null || n === undefined) return '';
  return n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 });
}
