import { Tag } from 'antd';
import { COVERAGE_STATUSES, type CoverageStatus } from '@touyan/schemas';
import { useLabel } from '../../i18n';

const COLORS: Record<CoverageStatus, string> = { org_covered: 'green', work_covered: 'gold', uncovered: 'default' };

export function CoverageTag({ status }: { status: CoverageStatus }) {
  const label = useLabel();
  return (
    <Tag color={COLORS[status]} data-coverage={status}>
      {label(COVERAGE_STATUSES, status)}
    </Tag>
  );
}
