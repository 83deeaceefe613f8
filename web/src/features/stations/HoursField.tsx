import dayjs from 'dayjs';
import { Button, Checkbox, DatePicker, Input, Space, Switch, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { HOURS_SPANS_MAX, hoursProblems, WEEKDAYS, type OpeningHours } from '@touyan/schemas';
import { useLabel, useLocale, useT } from '../../i18n';
import {
  addHoliday,
  addSpan,
  copyDay,
  EVERY_DAY,
  problemsBySlot,
  problemText,
  removeHoliday,
  removeSpan,
  setHoliday,
  setHolidayClosed,
  setSpanTime,
  slotKey,
  sortSpans,
  spansAt,
  WORKDAYS,
  type Slot,
} from './hoursEdit';

/** The problems of hours as the form will save them (spans in order), for the Form.Item's validator. */
export const hoursFieldProblems = (h: OpeningHours) => hoursProblems(sortSpans(h));

function Spans({
  hours,
  slot,
  name,
  errors,
  onChange,
}: {
  hours: OpeningHours;
  slot: Slot;
  name: string;
  errors: string[];
  onChange: (h: OpeningHours) => void;
}) {
  const t = useT();
  const spans = spansAt(hours, slot);
  const key = slotKey(slot);
  return (
    <div data-testid={`ledger-spans-${key}`} style={{ flex: 1, minWidth: 0 }}>
      <Space wrap size={[8, 4]}>
        {spans.length === 0 && slot.kind === 'week' && (
          <Typography.Text type="secondary">{t('st.closedDay')}</Typography.Text>
        )}
        {spans.map((s, i) => (
          <Space.Compact key={i} size="small">
            <Input
              type="time"
              size="small"
              style={{ width: 116 }}
              aria-label={`${name} ${t('sm.spanN', { n: i + 1 })} ${t('sm.opens')}`}
              value={s.open}
              onChange={(e) => onChange(setSpanTime(hours, slot, i, 'open', e.target.value))}
            />
            <Input
              type="time"
              size="small"
              style={{ width: 116 }}
              aria-label={`${name} ${t('sm.spanN', { n: i + 1 })} ${t('sm.closes')}`}
              value={s.close === '24:00' ? '00:00' : s.close}
              onChange={(e) => onChange(setSpanTime(hours, slot, i, 'close', e.target.value))}
            />
            <Button
              size="small"
              icon={<CloseOutlined />}
              aria-label={`${name} ${t('sm.removeSpan', { n: i + 1 })}`}
              onClick={() => onChange(removeSpan(hours, slot, i))}
            />
          </Space.Compact>
        ))}
        {spans.length < HOURS_SPANS_MAX && (
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            onClick={() => onChange(addSpan(hours, slot))}
            data-testid={`ledger-add-span-${key}`}
          >
            {t('sm.addSpan')}
          </Button>
        )}
      </Space>
      {errors.map((m) => (
        <div key={m} role="alert">
          <Typography.Text type="danger">{m}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

/**
 * Opening hours in the ledger's drawer (a Form.Item control: `value` / `onChange`): 24 hours, each
 * weekday's spans (several a day, none = closed), copy Monday, holiday entries over a date range with
 * their own spans or closed. Problems show under the day they concern; the Form.Item's validator
 * (`hoursFieldProblems`) keeps the form from saving while there are any.
 */
export function HoursField({ value, onChange }: { value?: OpeningHours; onChange?: (h: OpeningHours) => void }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  if (!value || !onChange) return null;
  const hours = value;
  const bySlot = new Map(
    [...problemsBySlot(hoursFieldProblems(hours))].map(([k, ms]) => [k, ms.map((m) => problemText(m, locale))]),
  );
  return (
    <div data-testid="ledger-hours">
      <Space style={{ marginBottom: 8 }}>
        <Switch
          checked={hours.allDay}
          onChange={(allDay) => onChange({ ...hours, allDay })}
          data-testid="ledger-all-day"
          aria-label={t('sm.allDay')}
        />
        <span>{t('sm.allDay')}</span>
      </Space>
      {!hours.allDay && (
        <>
          {hours.weekly.map((_, i) => {
            const day = label(WEEKDAYS, String(i + 1) as keyof typeof WEEKDAYS);
            return (
              <div key={i} style={{ display: 'flex', gap: 8, padding: '4px 0', borderBottom: '1px solid #f5f5f5' }}>
                <span style={{ width: 40, flex: 'none', lineHeight: '24px' }}>{day}</span>
                <Spans
                  hours={hours}
                  slot={{ kind: 'week', day: i }}
                  name={day}
                  errors={bySlot.get(`weekly.${i}`) ?? []}
                  onChange={onChange}
                />
              </div>
            );
          })}
          <Space style={{ marginTop: 8 }}>
            <Button
              size="small"
              onClick={() => onChange(copyDay(hours, 0, EVERY_DAY))}
              data-testid="ledger-same-every-day"
            >
              {t('sm.sameEveryDay')}
            </Button>
            <Button size="small" onClick={() => onChange(copyDay(hours, 0, WORKDAYS))}>
              {t('sm.sameWorkdays')}
            </Button>
          </Space>
        </>
      )}
      <div style={{ marginTop: 16, fontWeight: 600 }}>{t('st.holidays')}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sm.holidayHint')}
      </Typography.Text>
      {hours.holidays.map((h, i) => {
        const name = `${t('st.holidays')} ${i + 1}`;
        return (
          <div
            key={i}
            style={{ padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}
            data-testid={`ledger-holiday-${i}`}
          >
            <Space wrap size={[8, 4]}>
              <DatePicker.RangePicker
                size="small"
                allowClear={false}
                aria-label={name}
                value={[dayjs(h.from), dayjs(h.to)]}
                onChange={(r) =>
                  r?.[0] &&
                  r[1] &&
                  onChange(setHoliday(hours, i, { from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') }))
                }
              />
              <Checkbox
                checked={h.spans.length === 0}
                onChange={(e) => onChange(setHolidayClosed(hours, i, e.target.checked))}
              >
                {t('sm.holidayClosed')}
              </Checkbox>
              <Input
                size="small"
                style={{ width: 140 }}
                maxLength={30}
                placeholder={t('sm.holidayNote')}
                aria-label={`${name} ${t('sm.holidayNote')}`}
                value={h.note ?? ''}
                onChange={(e) => onChange(setHoliday(hours, i, { note: e.target.value || null }))}
              />
              <Button size="small" danger type="text" onClick={() => onChange(removeHoliday(hours, i))}>
                {t('sm.remove')}
              </Button>
            </Space>
            {h.spans.length > 0 ? (
              <div style={{ marginTop: 4 }}>
                <Spans
                  hours={hours}
                  slot={{ kind: 'holiday', index: i }}
                  name={name}
                  errors={bySlot.get(`holidays.${i}`) ?? []}
                  onChange={onChange}
                />
              </div>
            ) : (
              (bySlot.get(`holidays.${i}`) ?? []).map((m) => (
                <div key={m} role="alert">
                  <Typography.Text type="danger">{m}</Typography.Text>
                </div>
              ))
            )}
          </div>
        );
      })}
      <Button
        size="small"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => onChange(addHoliday(hours, dayjs().format('YYYY-MM-DD')))}
        data-testid="ledger-add-holiday"
      >
        {t('sm.addHoliday')}
      </Button>
    </div>
  );
}
