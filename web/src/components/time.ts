import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BEIJING = 'Asia/Shanghai';

/** `2025-03-31 14:05` in Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return dayjs(iso).tz(BEIJING).format('YYYY-MM-DD HH:mm');
}

/** `2025-03-31`: a calendar date as given, or a time shown as its Beijing date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dayjs(value).tz(BEIJING).format('YYYY-MM-DD');
}
