import { Tag } from 'antd';
import { PROJECT_RATINGS, type ProjectRating } from '@touyan/schemas';
import { useLabel } from '../../i18n';

export const RATING_COLORS: Record<ProjectRating, string> = { on_track: 'green', lagging: 'gold', at_risk: 'red' };

export function RatingTag({ rating }: { rating: ProjectRating | null }) {
  const label = useLabel();
  if (!rating) return null;
  return (
    <Tag color={RATING_COLORS[rating]} style={{ marginInlineEnd: 0 }}>
      {label(PROJECT_RATINGS, rating)}
    </Tag>
  );
}
