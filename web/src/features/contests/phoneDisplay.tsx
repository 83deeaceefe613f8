import { CONTEST_STATUSES, type ContestStatus } from '@touyan/schemas/plain';
import { Tag } from '../../components/light/ui';
import { useLabel } from '../../i18n';
import { STATUS_COLORS } from './format';

/** A contest's status on the light pages (display.tsx has the antd one of the admin pages). */
export function ContestStatusBadge({ status }: { status: ContestStatus }) {
  const label = useLabel();
  return <Tag color={STATUS_COLORS[status]}>{label(CONTEST_STATUSES, status)}</Tag>;
}
