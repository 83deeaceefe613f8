import { useEffect, useState } from 'react';
import {
  COMPASS,
  formatDistance,
  formatSpans,
  holidayDates,
  holidayOn,
  shanghaiClock,
  spansOn,
  STATION_AMENITIES,
  STATION_AMENITY_CODES,
  weeklyLines,
  type StationAmenity,
} from '@touyan/schemas/plain';
import type { CheckInView, NearbyStation, OpeningHours } from '@touyan/schemas';
import { ErrorState } from '../../components/light/ErrorState';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner, Tag } from '../../components/light/ui';
import { addStrings, useLabel, useLocale, useT } from '../../i18n';
import { useCheckIn, useNearby, useRate } from './hooks';
import { openStateText } from './hoursEdit';
import { HUISHAN_PLACES } from './places';
import { Scanner } from './Scanner';
import { stationStrings } from './stationStrings';
import './stations.css';

addStrings(stationStrings);

/** The amenities offered as filter chips (the ones riders ask for most, first). */
const FILTER_AMENITIES: StationAmenity[] = ['charging', 'water', 'microwave', 'toilet', 'rest', 'meals', 'first_aid'];

type Origin =
  | { kind: 'none' }
  | { kind: 'locating' }
  | { kind: 'gps'; lat: number; lng: number; accuracy: number }
  | { kind: 'place'; lat: number; lng: number; name: string };

/** "周一至周五 07:00–11:30、13:30–22:00" style lines of a station's weekly hours (24 hours: one line). */
export function HoursLines({ hours }: { hours: OpeningHours }) {
  const t = useT();
  const [locale] = useLocale();
  if (hours.allDay) return <div>{t('st.allDay')}</div>;
  return (
    <div className="ty-st-hours" data-testid="hours-lines">
      {weeklyLines(hours, locale, t('st.closedDay')).map((l) => (
        <div key={l.days} className="ty-st-hours-row">
          <span>{l.days}</span>
          <span>{l.hours}</span>
        </div>
      ))}
    </div>
  );
}

/** Today's spans (holiday hours when today is one) in one line: "今日 07:00–11:30、13:30–22:00". */
function TodayHours({ hours }: { hours: OpeningHours }) {
  const t = useT();
  const [locale] = useLocale();
  if (hours.allDay && !hours.holidays.length) return null;
  const c = shanghaiClock(new Date());
  const spans = spansOn(hours, c.date, c.weekday);
  const holiday = holidayOn(hours, c.date);
  return (
    <span className="ty-st-today" data-testid="today-hours">
      {t('st.today')} {spans.length ? formatSpans(spans, locale) : t('st.closedDay')}
      {holiday?.note ? `（${holiday.note}）` : ''}
    </span>
  );
}

function Detail({ s, onBack, onCheckIn }: { s: NearbyStation; onBack: () => void; onCheckIn: () => void }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  return (
    <div className="ty-st-card" data-testid="station-detail">
      <button type="button" className="ty-st-back" onClick={onBack}>
        ‹ {t('st.back')}
      </button>
      <h2 className="ty-st-name">{s.name}</h2>
      <StationMeta s={s} />
      <h3 className="ty-st-h3">{t('st.address')}</h3>
      <div>{s.address}</div>
      {s.phone && (
        <>
          <h3 className="ty-st-h3">{t('st.phone')}</h3>
          <a href={`tel:${s.phone}`} className="ty-st-phone">
            {s.phone}
          </a>
        </>
      )}
      <h3 className="ty-st-h3">{t('st.hours')}</h3>
      <HoursLines hours={s.hours} />
      {s.hours.holidays.length > 0 && (
        <>
          <h3 className="ty-st-h3">{t('st.holidays')}</h3>
          {s.hours.holidays.map((h) => (
            <div key={h.from} className="ty-st-hours-row">
              <span>
                {holidayDates(h, locale)}
                {h.note ? ` ${h.note}` : ''}
              </span>
              <span>{h.spans.length ? formatSpans(h.spans, locale) : t('st.holidayClosed')}</span>
            </div>
          ))}
        </>
      )}
      <h3 className="ty-st-h3">{t('st.amenities')}</h3>
      <div className="ty-st-tags">
        {s.amenities.map((a) => (
          <Tag key={a}>{label(STATION_AMENITIES, a)}</Tag>
        ))}
      </div>
      <div className="ty-st-actions">
        <Button primary size="large" block onClick={onCheckIn} data-testid="detail-check-in">
          {t('st.checkIn')}
        </Button>
      </div>
    </div>
  );
}

function StationMeta({ s }: { s: NearbyStation }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const when = openStateText(s.hours, s.openNow, new Date(), locale, {
    until: t('st.until'),
    opensAt: t('st.opensAt'),
    tomorrow: t('st.tomorrow'),
  });
  return (
    <div className="ty-st-meta">
      <span className="ty-st-dist" data-testid="station-distance">
        {t('st.distance', { dir: label(COMPASS, s.direction), dist: formatDistance(s.distanceM, locale) })}
      </span>
      <Tag color={s.openNow ? 'green' : 'default'}>{s.openNow ? t('st.open') : t('st.closed')}</Tag>
      {s.hours.allDay && !holidayOn(s.hours, shanghaiClock(new Date()).date) && (
        <Tag color="blue">{t('st.allDay')}</Tag>
      )}
      {when && (
        <span className="ty-st-when" data-testid="open-state">
          {when}
        </span>
      )}
      <span className="ty-st-rating">
        {s.ratingAvg !== null ? t('st.rating', { avg: s.ratingAvg.toFixed(1), n: s.ratingCount }) : t('st.noRating')}
      </span>
    </div>
  );
}

/** Rate a check-in: five large buttons and an optional comment. */
function RateForm({ checkIn, onDone }: { checkIn: CheckInView; onDone: () => void }) {
  const t = useT();
  const toast = useToast();
  const onError = useErrorToast();
  const rate = useRate();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <div className="ty-st-rate" data-testid="rate-form">
      <h3 className="ty-st-h3">{t('st.rateTitle')}</h3>
      <div className="ty-st-stars" role="radiogroup" aria-label={t('st.rateTitle')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={stars === n}
            aria-label={`${n}`}
            className={n <= stars ? 'is-on' : ''}
            onClick={() => setStars(n)}
            data-testid={`star-${n}`}
          >
            ★
          </button>
        ))}
      </div>
      <label className="ty-field">
        <span className="ty-field-label">{t('st.comment')}</span>
        <span className="ty-field-box">
          <input
            value={comment}
            maxLength={300}
            onChange={(e) => setComment(e.target.value)}
            data-testid="rate-comment"
          />
        </span>
      </label>
      <div className="ty-st-actions">
        <Button
          primary
          size="large"
          disabled={stars === 0}
          loading={rate.isPending}
          data-testid="rate-submit"
          onClick={() =>
            rate.mutate(
              { id: checkIn.id, body: { rating: stars, comment: comment.trim() || null } },
              {
                onSuccess: () => {
                  toast.success(t('st.rated'));
                  onDone();
                },
                onError,
              },
            )
          }
        >
          {t('st.rateSubmit')}
        </Button>
        <Button size="large" onClick={onDone}>
          {t('st.done')}
        </Button>
      </div>
    </div>
  );
}

/** Check-in: the camera scan where the browser decodes QR codes, the typed code always. */
function CheckIn({ onDone }: { onDone: () => void }) {
  const t = useT();
  const onError = useErrorToast();
  const checkIn = useCheckIn();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<CheckInView | null>(null);
  const submit = (c: string) => checkIn.mutate({ code: c.trim() }, { onSuccess: setDone, onError });
  if (done)
    return (
      <div className="ty-st-card" data-testid="check-in-done">
        <div className="ty-st-ok">{t('st.checkedIn')}</div>
        <div className="ty-st-name">{done.stationName}</div>
        <div className="ty-st-hint">
          {new Date(done.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
        </div>
        {!done.created && <div className="ty-st-hint">{t('st.checkedInAgain')}</div>}
        {done.rating === null ? (
          <RateForm checkIn={done} onDone={onDone} />
        ) : (
          <div className="ty-st-actions">
            <Button size="large" block onClick={onDone}>
              {t('st.done')}
            </Button>
          </div>
        )}
      </div>
    );
  return (
    <div className="ty-st-card" data-testid="check-in">
      <button type="button" className="ty-st-back" onClick={onDone}>
        ‹ {t('st.back')}
      </button>
      <h2 className="ty-st-name">{t('st.scanTitle')}</h2>
      <Scanner onCode={submit} />
      <label className="ty-field" style={{ marginTop: 12 }}>
        <span className="ty-field-label">{t('st.typeCode')}</span>
        <span className="ty-field-box">
          <input
            value={code}
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            placeholder="TYST1."
            onChange={(e) => setCode(e.target.value)}
            data-testid="code-input"
          />
        </span>
        <span className="ty-st-hint">{t('st.codeHint')}</span>
      </label>
      <div className="ty-st-actions">
        <Button
          primary
          size="large"
          block
          disabled={!code.trim()}
          loading={checkIn.isPending}
          onClick={() => submit(code)}
          data-testid="code-submit"
        >
          {t('st.submitCode')}
        </Button>
      </div>
    </div>
  );
}

/** 惠新驿家 finder (rider's phone): nearest stations from a position, with filters; check in and rate. */
export default function StationsPage() {
  const t = useT();
  const label = useLabel();
  const [origin, setOrigin] = useState<Origin>({ kind: 'none' });
  const [amenities, setAmenities] = useState<StationAmenity[]>([]);
  const [openNow, setOpenNow] = useState(false);
  const [view, setView] = useState<{ mode: 'list' } | { mode: 'detail'; s: NearbyStation } | { mode: 'checkin' }>({
    mode: 'list',
  });
  const [gpsFailed, setGpsFailed] = useState(false);
  const query =
    origin.kind === 'gps' || origin.kind === 'place'
      ? {
          lat: origin.lat.toFixed(6),
          lng: origin.lng.toFixed(6),
          ...(amenities.length ? { amenity: amenities.join(',') } : {}),
          ...(openNow ? { openNow: '1' } : {}),
        }
      : null;
  const nearby = useNearby(query);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [view]);

  const locate = () => {
    if (!navigator.geolocation) return setGpsFailed(true);
    setOrigin({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => setOrigin({ kind: 'gps', lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => {
        setGpsFailed(true);
        setOrigin({ kind: 'none' });
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };
  const toggle = (a: StationAmenity) =>
    setAmenities((cur) => (cur.includes(a) ? cur.filter((x) => x !== a) : [...cur, a]));

  return (
    <div className="ty-st-page ty-light">
      <header className="ty-st-head">
        <div className="ty-st-head-main">
          <h1 className="ty-st-title">{t('st.title')}</h1>
          <div className="ty-st-sub">{t('st.sub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {view.mode === 'checkin' ? (
        <CheckIn onDone={() => setView({ mode: 'list' })} />
      ) : view.mode === 'detail' ? (
        <Detail s={view.s} onBack={() => setView({ mode: 'list' })} onCheckIn={() => setView({ mode: 'checkin' })} />
      ) : (
        <>
          <div className="ty-st-card">
            <div className="ty-st-where">
              <Button primary size="large" onClick={locate} loading={origin.kind === 'locating'} data-testid="use-gps">
                {t('st.useGps')}
              </Button>
              <select
                className="ty-st-select"
                aria-label={t('st.pickPlaceHint')}
                value={origin.kind === 'place' ? origin.name : ''}
                onChange={(e) => {
                  const p = HUISHAN_PLACES.find((x) => x.name === e.target.value);
                  if (p) setOrigin({ kind: 'place', ...p });
                }}
                data-testid="pick-place"
              >
                <option value="">{t('st.pickPlace')}</option>
                {HUISHAN_PLACES.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="ty-st-hint" data-testid="origin">
              {origin.kind === 'gps'
                ? t('st.myPosition', { m: Math.round(origin.accuracy) })
                : origin.kind === 'place'
                  ? t('st.here', { place: origin.name })
                  : origin.kind === 'locating'
                    ? t('st.gpsWait')
                    : gpsFailed
                      ? t('st.gpsFailed')
                      : t('st.noPlace')}
            </div>
            <div className="ty-st-chips">
              <button
                type="button"
                className="ty-st-chip"
                aria-pressed={openNow}
                onClick={() => setOpenNow(!openNow)}
                data-testid="filter-open"
              >
                {t('st.openNow')}
              </button>
              {FILTER_AMENITIES.filter((a) => STATION_AMENITY_CODES.includes(a)).map((a) => (
                <button
                  key={a}
                  type="button"
                  className="ty-st-chip"
                  aria-pressed={amenities.includes(a)}
                  onClick={() => toggle(a)}
                  data-testid={`filter-${a}`}
                >
                  {label(STATION_AMENITIES, a)}
                </button>
              ))}
            </div>
          </div>
          {!query ? null : nearby.isPending ? (
            <Spinner size="large" />
          ) : nearby.error && !nearby.data ? (
            <ErrorState error={nearby.error} onRetry={() => void nearby.refetch()} />
          ) : !nearby.data?.items.length ? (
            <Empty description={t('st.none', { km: nearby.data?.searchedKm ?? 10 })} />
          ) : (
            <ul className="ty-st-list" data-testid="station-list">
              {nearby.data.items.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="ty-st-item"
                    onClick={() => setView({ mode: 'detail', s })}
                    data-testid="station-item"
                  >
                    <span className="ty-st-name">{s.name}</span>
                    <StationMeta s={s} />
                    <TodayHours hours={s.hours} />
                    <span className="ty-st-addr">{s.address}</span>
                    <span className="ty-st-tags">
                      {s.amenities.slice(0, 6).map((a) => (
                        <Tag key={a}>{label(STATION_AMENITIES, a)}</Tag>
                      ))}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="ty-st-dock">
            <Button primary size="large" block onClick={() => setView({ mode: 'checkin' })} data-testid="check-in-open">
              {t('st.checkIn')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
