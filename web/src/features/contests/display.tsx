import { Tag } from 'antd';
import {
  CONTEST_GRADES,
  CONTEST_STATUSES,
  PRESENTATION_PHASES,
  type ContestGrade,
  type ContestStatus,
  type PresentationPhase,
} from '@touyan/schemas';
import { useLabel } from '../../i18n';
import { STATUS_COLORS } from './format';

const PHASE_COLORS: Record<PresentationPhase, string> = { waiting: 'default', presenting: 'red', closed: 'green' };
const GRADE_COLORS: Record<ContestGrade, string> = { good: 'red', fair: 'volcano', average: 'gold', poor: 'default' };

export function ContestStatusTag({ status }: { status: ContestStatus }) {
  const label = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label(CONTEST_STATUSES, status)}
    </Tag>
  );
}

export function PhaseTag({ phase }: { phase: PresentationPhase }) {
  const label = useLabel();
  return (
    <Tag color={PHASE_COLORS[phase]} style={{ marginInlineEnd: 0 }}>
      {label(PRESENTATION_PHASES, phase)}
    </Tag>
  );
}

export function GradeTag({ grade }: { grade: ContestGrade | null }) {
  const label = useLabel();
  if (!grade) return <span>—</span>;
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ marginInlineEnd: 0 }}>
      {label(CONTEST_GRADES, grade)}
    </Tag>
  );
}

export { fmt2, fmtCountdown } from './format';
