import { DatePicker, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CLOCK_STATES,
  DISPUTE_CLOCKS,
  DISPUTE_STATUSES,
  type ClockState,
  type DisputeCaseView,
  type DisputeClockView,
  type DisputeStatus,
} from '@touyan/schemas';
import { useLabel, useT } from '../../i18n';

export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '—'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

export const STATUS_COLORS: Record<DisputeStatus, string> = {
  registered: 'default',
  mediating: 'processing',
  mediated: 'cyan',
  mediation_failed: 'orange',
  arbitrating: 'purple',
  litigating: 'magenta',
  closed: 'success',
};

/** A clock's colour: green on time, amber and red as its last day nears, red filled once past it. */
export const CLOCK_COLORS: Record<ClockState, string> = {
  ok: 'green',
  amber: 'gold',
  red: 'red',
  overdue: 'error',
  met: 'success',
  missed: 'volcano',
  interrupted: 'default',
  ended: 'default',
};

export function StatusTag({ status }: { status: DisputeStatus }) {
  const label = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} bordered={false}>
      {label(DISPUTE_STATUSES, status)}
    </Tag>
  );
}

/** Days left of a running clock in words (剩 3 天 / 今日到期 / 超期 2 天), or the state of a stopped one. */
export function useClockText() {
  const t = useT();
  const label = useLabel();
  return (k: DisputeClockView) =>
    k.daysLeft === null
      ? label(CLOCK_STATES, k.state)
      : k.daysLeft < 0
        ? t('dsp.overdueBy', { n: -k.daysLeft })
        : k.daysLeft === 0
          ? t('dsp.dueToday')
          : t('dsp.daysLeft', { n: k.daysLeft });
}

export function ClockTag({ clock, withKind = true }: { clock: DisputeClockView; withKind?: boolean }) {
  const label = useLabel();
  const text = useClockText();
  return (
    <Tooltip title={`${label(DISPUTE_CLOCKS, clock.kind)} · ${clock.dueOn}`}>
      <Tag color={CLOCK_COLORS[clock.state]} data-testid={`clock-${clock.kind}`} data-state={clock.state}>
        {withKind ? `${label(DISPUTE_CLOCKS, clock.kind)} · ` : ''}
        {text(clock)}
      </Tag>
    </Tooltip>
  );
}

/** The running clock nearest its last day (the list's column). */
export function NextClock({ c }: { c: DisputeCaseView }) {
  const t = useT();
  const k = c.clocks.find((x) => x.daysLeft !== null);
  return k ? <ClockTag clock={k} /> : <span className="ty-muted">{t('dsp.noClock')}</span>;
}

/** A business date in a form: picked on a calendar, shown as 2026-03-31; optional ones can be cleared. */
export function DateField({
  optional,
  ...props
}: {
  optional?: boolean;
  id?: string;
  value?: Dayjs | null;
  onChange?: (v: Dayjs | null) => void;
}) {
  return <DatePicker {...props} format="YYYY-MM-DD" allowClear={!!optional} inputReadOnly style={{ width: '100%' }} />;
}

/** A form's date value as the API's YYYY-MM-DD (null when empty). */
export const dayOf = (v: unknown): unknown => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : (v ?? null));
/** A YYYY-MM-DD date as the form's value. */
export const asDay = (v: string) => dayjs(v);
