import { useCallback, useEffect, useState } from 'react';
import { LOGGED_VISIT_KINDS, VISIT_KINDS } from '@touyan/schemas/plain';
import type { GeoPosition, MyFirm, OnlineVisitInvitation } from '@touyan/schemas';
import { ErrorState } from '../../components/light/ErrorState';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner } from '../../components/light/ui';
import { addStrings, useLabel, useT } from '../../i18n';
import { beijingToday } from './beijing';
import { DemandItems, draftItems, draftProblems, type DemandDraft } from './DemandItems';
import { FirmDetail } from './FirmDetail';
import { useCreateOnlineVisit, useLogVisit, useMyFirms } from './hooks';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import { QrCode } from '../../components/light/QrCode';
import { visitFieldStrings } from './fieldStrings';
import './field.css';

// A light page (App.tsx): it brings its own strings.
addStrings(visitFieldStrings);

type LoggedKind = (typeof LOGGED_VISIT_KINDS)[number];

type Gps = { state: 'waiting' } | { state: 'off' } | { state: 'on'; position: GeoPosition };

/** The phone's position when it allows (asked once when the form opens; never required). */
function usePosition(): Gps {
  const [gps, setGps] = useState<Gps>(() => (navigator.geolocation ? { state: 'waiting' } : { state: 'off' }));
  useEffect(() => {
    if (!navigator.geolocation) return;
    let live = true;
    navigator.geolocation.getCurrentPosition(
      (p) =>
        live &&
        setGps({
          state: 'on',
          position: {
            lat: Math.round(p.coords.latitude * 1e6) / 1e6,
            lng: Math.round(p.coords.longitude * 1e6) / 1e6,
            accuracyM: Math.round(p.coords.accuracy),
          },
        }),
      () => live && setGps({ state: 'off' }),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
    return () => {
      live = false;
    };
  }, []);
  return gps;
}

/**
 * Log a visit to one firm: the firm is chosen, the kind and today's date are set; type the findings
 * and submit. Photos from the camera and the firm's demands (诉求) go with it, saved together.
 */
function LogVisit({ firm, onDone }: { firm: MyFirm; onDone: () => void }) {
  const t = useT();
  const label = useLabel();
  const toast = useToast();
  const onError = useErrorToast();
  const log = useLogVisit();
  const gps = usePosition();
  const [kind, setKind] = useState<LoggedKind>('daily');
  const [visitedOn, setVisitedOn] = useState(beijingToday());
  const [people, setPeople] = useState('');
  const [findings, setFindings] = useState('');
  const [missing, setMissing] = useState(false);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const onBusy = useCallback((busy: boolean) => setUploading(busy), []);
  const [demands, setDemands] = useState<DemandDraft[]>([]);
  const [tried, setTried] = useState(false);

  const submit = () => {
    setTried(true);
    if (!findings.trim()) {
      setMissing(true);
      document.getElementById('visit-findings')?.focus();
      return;
    }
    if (demands.some((d) => Object.keys(draftProblems(d)).length > 0)) {
      toast.error(t('demand.incomplete'));
      return;
    }
    if (uploading) {
      toast.error(t('field.uploading'));
      return;
    }
    log.mutate(
      {
        hostOrgId: firm.hostOrgId,
        kind,
        visitedOn,
        people: people.trim() || null,
        findings,
        position: gps.state === 'on' ? gps.position : null,
        photoIds: photos.map((p) => p.id),
        demands: draftItems(demands),
      },
      {
        onSuccess: (v) => {
          toast.success(v.demands.length ? t('field.savedWith', { n: v.demands.length }) : t('field.saved'));
          onDone();
        },
        onError,
      },
    );
  };

  return (
    <div className="ty-field-card" data-testid="visit-form">
      <div className="ty-field-card-title">{firm.name}</div>
      <div className="ty-field-card-meta" style={{ marginBottom: 16 }}>
        {firm.regionName}
        {firm.address ? ` · ${firm.address}` : ''}
      </div>
      <div className="ty-field">
        <span className="ty-field-label">{t('field.kind')}</span>
        <div className="ty-field-kinds" role="group" aria-label={t('field.kind')}>
          {LOGGED_VISIT_KINDS.map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {label(VISIT_KINDS, k)}
            </button>
          ))}
        </div>
      </div>
      <label className="ty-field">
        <span className="ty-field-label">{t('field.date')}</span>
        <span className="ty-field-box">
          <input type="date" value={visitedOn} max={beijingToday()} onChange={(e) => setVisitedOn(e.target.value)} />
        </span>
      </label>
      <label className="ty-field">
        <span className="ty-field-label">{t('field.people')}</span>
        <span className="ty-field-box">
          <input
            value={people}
            maxLength={200}
            placeholder={t('field.peopleHint')}
            onChange={(e) => setPeople(e.target.value)}
          />
        </span>
      </label>
      <label className="ty-field">
        <span className="ty-field-label">{t('field.findings')}</span>
        <span className={`ty-field-box${missing ? ' is-invalid' : ''}`}>
          <textarea
            id="visit-findings"
            data-testid="visit-findings"
            value={findings}
            maxLength={2000}
            placeholder={t('field.findingsHint')}
            aria-invalid={missing || undefined}
            onChange={(e) => {
              setFindings(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
        </span>
        {missing && <div className="ty-field-error">{t('field.required')}</div>}
      </label>
      <PhotoPicker value={photos} onChange={setPhotos} onBusy={onBusy} />
      <DemandItems value={demands} onChange={setDemands} showErrors={tried} />
      <div className="ty-field-gps" data-testid="visit-gps">
        {gps.state === 'on'
          ? t('field.gpsOn', { m: gps.position.accuracyM })
          : gps.state === 'waiting'
            ? t('field.gpsWait')
            : t('field.gpsOff')}
      </div>
      <div className="ty-field-actions">
        <Button size="large" onClick={onDone}>
          {t('field.back')}
        </Button>
        <Button primary size="large" loading={log.isPending} onClick={submit} data-testid="visit-submit">
          {t('field.submit')}
        </Button>
      </div>
    </div>
  );
}

/** An online visit: a link the firm fills in (shown once here), to copy or send from the phone. */
function OnlineVisit({ firm, onDone }: { firm: MyFirm; onDone: () => void }) {
  const t = useT();
  const toast = useToast();
  const onError = useErrorToast();
  const create = useCreateOnlineVisit();
  const [note, setNote] = useState('');
  const [made, setMade] = useState<OnlineVisitInvitation | null>(null);
  const link = made ? `${window.location.origin}/v/${made.token}` : '';

  const copy = () =>
    void navigator.clipboard?.writeText(link).then(
      () => toast.success(t('field.copied')),
      () => undefined,
    );

  return (
    <div className="ty-field-card" data-testid="online-visit">
      <div className="ty-field-card-title">
        {t('field.onlineTitle')} · {firm.name}
      </div>
      {made ? (
        <>
          <p className="ty-field-hint">{t('field.onlineOnce')}</p>
          <div className="ty-field-qr-box">
            <QrCode text={link} label={t('field.qrLabel')} className="ty-field-qr" testId="online-qr" />
            <div className="ty-field-hint">{t('field.qrHint')}</div>
          </div>
          <div className="ty-field-link" data-testid="online-link">
            {link}
          </div>
          <div className="ty-field-actions">
            <Button size="large" onClick={copy}>
              {t('field.copy')}
            </Button>
            {typeof navigator.share === 'function' && (
              <Button
                size="large"
                onClick={() => void navigator.share({ title: t('online.title'), url: link }).catch(() => undefined)}
              >
                {t('field.share')}
              </Button>
            )}
            <Button primary size="large" onClick={onDone}>
              {t('field.done')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <label className="ty-field" style={{ marginTop: 12, display: 'block' }}>
            <span className="ty-field-label">{t('field.onlineNote')}</span>
            <span className="ty-field-box">
              <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </span>
          </label>
          <div className="ty-field-actions">
            <Button size="large" onClick={onDone}>
              {t('field.back')}
            </Button>
            <Button
              primary
              size="large"
              loading={create.isPending}
              data-testid="online-create"
              onClick={() =>
                create.mutate({ hostOrgId: firm.hostOrgId, note: note.trim() || null }, { onSuccess: setMade, onError })
              }
            >
              {t('field.onlineCreate')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

/** 企业走访: the specialist's firms (least recently visited first); a visit is two taps and the text. */
export default function FieldPage() {
  const t = useT();
  const firms = useMyFirms();
  const [open, setOpen] = useState<{ firm: MyFirm; mode: 'log' | 'online' | 'firm' } | null>(null);
  const close = () => setOpen(null);
  // A block body: newer browsers answer scrollTo with a promise, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [open]);

  return (
    <div className="ty-field-page ty-light">
      <header className="ty-field-head">
        <div className="ty-field-head-main">
          <h1 className="ty-field-title">{t('field.title')}</h1>
          <div className="ty-field-sub">{t('field.sub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {open ? (
        open.mode === 'log' ? (
          <LogVisit firm={open.firm} onDone={close} />
        ) : open.mode === 'online' ? (
          <OnlineVisit firm={open.firm} onDone={close} />
        ) : (
          <FirmDetail
            firm={open.firm}
            onBack={close}
            onLog={() => setOpen({ firm: open.firm, mode: 'log' })}
            onOnline={() => setOpen({ firm: open.firm, mode: 'online' })}
          />
        )
      ) : firms.isPending ? (
        <Spinner size="large" />
      ) : firms.error && !firms.data ? (
        <ErrorState error={firms.error} onRetry={() => void firms.refetch()} />
      ) : !firms.data?.items.length ? (
        <Empty description={t('field.empty')} />
      ) : (
        firms.data.items.map((f) => (
          <div className="ty-field-card" key={f.hostOrgId} data-testid={`firm-${f.hostOrgId}`}>
            <div className="ty-field-card-title">{f.name}</div>
            <div className="ty-field-card-meta">
              {f.regionName} ·{' '}
              {f.lastVisitedOn ? t('field.lastVisit', { date: f.lastVisitedOn }) : t('field.neverVisited')}
              {f.visitCount > 0 ? ` · ${t('field.visits', { n: f.visitCount })}` : ''}
            </div>
            <div className="ty-field-chips">
              {f.openDemandCount > 0 && (
                <button
                  type="button"
                  className="ty-field-chip is-warn"
                  data-testid="open-demands"
                  onClick={() => setOpen({ firm: f, mode: 'firm' })}
                >
                  {t('field.openDemands', { n: f.openDemandCount })}
                </button>
              )}
              <button type="button" className="ty-field-chip" onClick={() => setOpen({ firm: f, mode: 'firm' })}>
                {t('field.details')} ›
              </button>
            </div>
            <div className="ty-field-actions">
              <Button primary size="large" onClick={() => setOpen({ firm: f, mode: 'log' })} data-testid="log-visit">
                {t('field.log')}
              </Button>
              <Button size="large" onClick={() => setOpen({ firm: f, mode: 'online' })}>
                {t('field.online')}
              </Button>
            </div>
          </div>
        ))
      )}
    </div>
  );
}
