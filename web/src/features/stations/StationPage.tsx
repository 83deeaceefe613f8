import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  hoursProblems,
  shanghaiClock,
  STATION_AMENITIES,
  STATION_AMENITY_CODES,
  type StationAmenity,
} from '@touyan/schemas/plain';
import type { OpeningHours, StationView } from '@touyan/schemas';
import { ErrorState } from '../../components/light/ErrorState';
import { ConfirmDialog, useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner } from '../../components/light/ui';
import { addStrings, useLabel, useT } from '../../i18n';
import { useCheckIns, useMyStations, useReissueCode, useStationCode, useUpkeep, useUsage } from './hooks';
import { QrCode } from '../../components/light/QrCode';
import { sortSpans } from './hoursEdit';
import { LightHoursEditor } from './LightHoursEditor';
import { stationStrings } from './stationStrings';
import './stations.css';

addStrings(stationStrings);

const today = () => shanghaiClock(new Date()).date;
const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

function TodayCheckIns({ station }: { station: StationView }) {
  const t = useT();
  const day = today();
  const list = useCheckIns(station.id, day);
  const usage = useUsage(station.id, daysBefore(day, 6), day);
  const items = list.data?.items ?? [];
  return (
    <div className="ty-st-card" data-testid="today-check-ins">
      <h2 className="ty-st-name">{t('sm.today')}</h2>
      {list.isPending ? (
        <Spinner />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <div className="ty-st-big" data-testid="today-count">
            {t('sm.todayCount', { n: items.length })}
          </div>
          {usage.data && (
            <div className="ty-st-hint">
              {t('sm.usage')}: {usage.data.total}
              {usage.data.ratingAvg !== null
                ? ` · ${t('st.rating', { avg: usage.data.ratingAvg.toFixed(1), n: usage.data.ratingCount })}`
                : ''}
            </div>
          )}
          {items.length === 0 ? (
            <div className="ty-st-hint">{t('sm.noCheckIns')}</div>
          ) : (
            <ul className="ty-st-checkins">
              {items.map((c) => (
                <li key={c.id}>
                  <span>
                    {c.workerName}
                    {c.rating !== null ? ` · ${'★'.repeat(c.rating)}` : ''}
                    {c.comment ? <div className="ty-st-hint">{c.comment}</div> : null}
                  </span>
                  <span>
                    {new Date(c.at).toLocaleTimeString('zh-CN', {
                      timeZone: 'Asia/Shanghai',
                      hour12: false,
                      hour: '2-digit',
                      minute: '2-digit',
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** Hours (24 h, several spans per weekday, holidays) and amenities, saved together (the station's version guards it). */
function Upkeep({ station }: { station: StationView }) {
  const t = useT();
  const label = useLabel();
  const toast = useToast();
  const onError = useErrorToast();
  const save = useUpkeep(station.id);
  const [hours, setHours] = useState<OpeningHours>(station.hours);
  const [amenities, setAmenities] = useState<StationAmenity[]>(station.amenities);
  useEffect(() => {
    setHours(station.hours);
    setAmenities(station.amenities);
  }, [station]);
  const toSave = sortSpans(hours);
  const problems = hoursProblems(toSave);
  return (
    <div className="ty-st-card" data-testid="upkeep">
      <h2 className="ty-st-name">{t('sm.editHours')}</h2>
      <LightHoursEditor hours={hours} problems={problems} onChange={setHours} />
      <h3 className="ty-st-h3">{t('sm.amenities')}</h3>
      <div className="ty-st-chips">
        {STATION_AMENITY_CODES.map((a) => (
          <button
            key={a}
            type="button"
            className="ty-st-chip"
            aria-pressed={amenities.includes(a)}
            onClick={() => setAmenities((cur) => (cur.includes(a) ? cur.filter((x) => x !== a) : [...cur, a]))}
            data-testid={`amenity-${a}`}
          >
            {label(STATION_AMENITIES, a)}
          </button>
        ))}
      </div>
      <div className="ty-st-actions">
        <Button
          primary
          size="large"
          loading={save.isPending}
          disabled={problems.length > 0}
          data-testid="upkeep-save"
          onClick={() =>
            save.mutate(
              { hours: toSave, amenities, version: station.version },
              { onSuccess: () => toast.success(t('sm.saved')), onError },
            )
          }
        >
          {t('sm.save')}
        </Button>
      </div>
    </div>
  );
}

function CodeCard({ station }: { station: StationView }) {
  const t = useT();
  const toast = useToast();
  const onError = useErrorToast();
  const [show, setShow] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const code = useStationCode(station.id, show);
  const reissue = useReissueCode(station.id);
  return (
    <div className="ty-st-card ty-st-print" data-testid="station-code">
      <h2 className="ty-st-name">{t('sm.code')}</h2>
      {!show ? (
        <div className="ty-st-actions">
          <Button primary size="large" block onClick={() => setShow(true)} data-testid="show-code">
            {t('sm.showCode')}
          </Button>
        </div>
      ) : code.isPending ? (
        <Spinner />
      ) : code.error && !code.data ? (
        <ErrorState error={code.error} onRetry={() => void code.refetch()} />
      ) : code.data ? (
        <>
          <div className="ty-st-name" style={{ textAlign: 'center' }}>
            {station.name}
          </div>
          <QrCode text={code.data.code} label={station.name} size={240} className="ty-st-qr" testId="station-qr" />
          <div className="ty-st-code-text" data-testid="code-text">
            {code.data.code}
          </div>
          <div className="ty-st-hint" style={{ textAlign: 'center' }}>
            {t('sm.serial', { n: code.data.serial })} · {t('sm.codeHint')}
          </div>
          <div className="ty-st-actions">
            <Button size="large" onClick={() => window.print()}>
              {t('sm.print')}
            </Button>
            <Button size="large" onClick={() => setConfirm(true)} data-testid="reissue">
              {t('sm.reissue')}
            </Button>
          </div>
        </>
      ) : null}
      {confirm && (
        <ConfirmDialog
          title={t('sm.reissue')}
          content={t('sm.reissueConfirm')}
          okText={t('sm.reissue')}
          cancelText={t('st.back')}
          onClose={() => setConfirm(false)}
          onOk={() =>
            reissue.mutateAsync().then(
              () => toast.success(t('sm.reissued')),
              (e: unknown) => onError(e),
            )
          }
        />
      )}
    </div>
  );
}

/** 驿家站务 (station manager's phone): today's check-ins, hours and amenities, the station's QR code. */
export default function StationPage() {
  const t = useT();
  const mine = useMyStations();
  const [pick, setPick] = useState(0);
  const stations = mine.data?.items ?? [];
  const station = stations[Math.min(pick, Math.max(0, stations.length - 1))];
  return (
    <div className="ty-st-page ty-light" data-testid="station-page">
      <header className="ty-st-head">
        <div className="ty-st-head-main">
          <h1 className="ty-st-title">{t('sm.title')}</h1>
          <div className="ty-st-sub">{station?.name ?? t('st.title')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {mine.isPending ? (
        <Spinner size="large" />
      ) : mine.error && !mine.data ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : !station ? (
        <Empty description={t('sm.none')} />
      ) : (
        <>
          <div className="ty-st-chips" style={{ marginTop: 0, marginBottom: 12 }}>
            <Link to="/worker" className="ty-st-chip ty-st-link" data-testid="to-worker-queue">
              {t('sm.verifyWorkers')} ›
            </Link>
          </div>
          {stations.length > 1 && (
            <div className="ty-st-chips" style={{ marginBottom: 12 }}>
              {stations.map((s, i) => (
                <button
                  key={s.id}
                  type="button"
                  className="ty-st-chip"
                  aria-pressed={s.id === station.id}
                  onClick={() => setPick(i)}
                >
                  {s.name}
                </button>
              ))}
            </div>
          )}
          <TodayCheckIns station={station} />
          <Upkeep station={station} />
          <CodeCard station={station} />
        </>
      )}
    </div>
  );
}
