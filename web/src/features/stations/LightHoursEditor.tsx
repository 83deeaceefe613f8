import { HOURS_SPANS_MAX, WEEKDAYS, type OpeningHours } from '@touyan/schemas/plain';
import { Button } from '../../components/light/ui';
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
  spansAt,
  WORKDAYS,
  type Slot,
} from './hoursEdit';
import type { HoursProblem } from '@touyan/schemas/plain';

/** The spans of one slot (a weekday or a holiday): time inputs, remove, add (up to four), its problems. */
function SpanList({
  hours,
  slot,
  label,
  problems,
  onChange,
}: {
  hours: OpeningHours;
  slot: Slot;
  label: string;
  problems: Map<string, string[]>;
  onChange: (h: OpeningHours) => void;
}) {
  const t = useT();
  const spans = spansAt(hours, slot);
  const key = slotKey(slot);
  const errors = problems.get(key) ?? [];
  return (
    <div className="ty-st-spans" data-testid={`spans-${key}`}>
      {spans.length === 0 && slot.kind === 'week' && <span className="ty-st-hint">{t('st.closedDay')}</span>}
      {spans.map((s, i) => (
        <div className="ty-st-span" key={i}>
          <input
            type="time"
            aria-label={`${label} ${t('sm.spanN', { n: i + 1 })} ${t('sm.opens')}`}
            value={s.open}
            onChange={(e) => onChange(setSpanTime(hours, slot, i, 'open', e.target.value))}
          />
          <span aria-hidden>–</span>
          <input
            type="time"
            aria-label={`${label} ${t('sm.spanN', { n: i + 1 })} ${t('sm.closes')}`}
            value={s.close === '24:00' ? '00:00' : s.close}
            onChange={(e) => onChange(setSpanTime(hours, slot, i, 'close', e.target.value))}
          />
          <button
            type="button"
            className="ty-st-x"
            aria-label={`${label} ${t('sm.removeSpan', { n: i + 1 })}`}
            onClick={() => onChange(removeSpan(hours, slot, i))}
          >
            ×
          </button>
        </div>
      ))}
      {spans.length < HOURS_SPANS_MAX && (
        <button
          type="button"
          className="ty-st-add"
          onClick={() => onChange(addSpan(hours, slot))}
          data-testid={`add-span-${key}`}
        >
          + {t('sm.addSpan')}
        </button>
      )}
      {errors.map((m) => (
        <div key={m} className="ty-st-error" role="alert">
          {m}
        </div>
      ))}
    </div>
  );
}

/**
 * The station manager's opening hours on a phone (375 px): 24 hours, each weekday's spans (several
 * a day; none = closed), copy Monday to every day or the workdays, and holiday entries over a date
 * range with their own spans or closed. Problems (`hoursProblems`) show under the day they concern.
 */
export function LightHoursEditor({
  hours,
  problems,
  onChange,
}: {
  hours: OpeningHours;
  problems: readonly HoursProblem[];
  onChange: (h: OpeningHours) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const bySlot = new Map(
    [...problemsBySlot(problems)].map(([k, ms]) => [k, ms.map((m) => problemText(m, locale))] as const),
  );
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return (
    <>
      <label className="ty-st-check">
        <input
          type="checkbox"
          checked={hours.allDay}
          onChange={(e) => onChange({ ...hours, allDay: e.target.checked })}
          data-testid="all-day"
        />
        {t('sm.allDay')}
      </label>
      {!hours.allDay && (
        <>
          <div className="ty-st-week">
            {hours.weekly.map((_, i) => {
              const day = label(WEEKDAYS, String(i + 1) as keyof typeof WEEKDAYS);
              return (
                <div className="ty-st-day" key={i}>
                  <span className="ty-st-day-name">{day}</span>
                  <SpanList
                    hours={hours}
                    slot={{ kind: 'week', day: i }}
                    label={day}
                    problems={bySlot}
                    onChange={onChange}
                  />
                </div>
              );
            })}
          </div>
          <div className="ty-st-actions">
            <Button onClick={() => onChange(copyDay(hours, 0, EVERY_DAY))} data-testid="same-every-day">
              {t('sm.sameEveryDay')}
            </Button>
            <Button onClick={() => onChange(copyDay(hours, 0, WORKDAYS))}>{t('sm.sameWorkdays')}</Button>
          </div>
        </>
      )}
      <h3 className="ty-st-h3">{t('st.holidays')}</h3>
      <div className="ty-st-hint">{t('sm.holidayHint')}</div>
      {hours.holidays.map((h, i) => {
        const name = `${t('st.holidays')} ${i + 1}`;
        return (
          <div className="ty-st-holiday" key={i} data-testid={`holiday-${i}`}>
            <div className="ty-st-dates">
              <input
                type="date"
                aria-label={`${name} ${t('sm.holidayFrom')}`}
                value={h.from}
                onChange={(e) =>
                  e.target.value &&
                  onChange(
                    setHoliday(hours, i, { from: e.target.value, to: h.to < e.target.value ? e.target.value : h.to }),
                  )
                }
              />
              <span>{t('sm.to')}</span>
              <input
                type="date"
                aria-label={`${name} ${t('sm.holidayTo')}`}
                value={h.to}
                onChange={(e) => e.target.value && onChange(setHoliday(hours, i, { to: e.target.value }))}
              />
            </div>
            <div className="ty-st-dates">
              <label className="ty-st-check">
                <input
                  type="checkbox"
                  checked={h.spans.length === 0}
                  onChange={(e) => onChange(setHolidayClosed(hours, i, e.target.checked))}
                />
                {t('sm.holidayClosed')}
              </label>
              <input
                className="ty-st-note"
                aria-label={`${name} ${t('sm.holidayNote')}`}
                placeholder={t('sm.holidayNote')}
                maxLength={30}
                value={h.note ?? ''}
                onChange={(e) => onChange(setHoliday(hours, i, { note: e.target.value || null }))}
              />
              <button
                type="button"
                className="ty-st-x"
                aria-label={`${name} ${t('sm.remove')}`}
                onClick={() => onChange(removeHoliday(hours, i))}
              >
                ×
              </button>
            </div>
            {h.spans.length > 0 ? (
              <SpanList
                hours={hours}
                slot={{ kind: 'holiday', index: i }}
                label={name}
                problems={bySlot}
                onChange={onChange}
              />
            ) : (
              (bySlot.get(`holidays.${i}`) ?? []).map((m) => (
                <div key={m} className="ty-st-error" role="alert">
                  {m}
                </div>
              ))
            )}
          </div>
        );
      })}
      <div className="ty-st-actions">
        <Button onClick={() => onChange(addHoliday(hours, today))} data-testid="add-holiday">
          {t('sm.addHoliday')}
        </Button>
      </div>
    </>
  );
}
