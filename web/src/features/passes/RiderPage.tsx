import { useEffect, useState } from 'react';
import { WORKER_PLATFORMS, passQrText, peekPass, timeStep } from '@touyan/schemas/plain';
import type { MyPass, ScanView } from '@touyan/schemas';
import { api } from '../../api/client';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Empty, Spinner } from '../../components/light/ui';
import { addStrings, useLabel, useT } from '../../i18n';
import { QrCode } from '../../components/light/QrCode';
import { deviceKey, kvGet, kvSet, registerPassWorker, type DeviceKey } from './offline';
import { OfflineGuard } from './OfflineGuard';
import { passStrings } from './passStrings';
import './passes.css';

addStrings(passStrings);

interface Stored {
  mine: MyPass;
  scans: ScanView[];
  syncedAt: string;
}

const shortDate = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The pass (online once, then from IndexedDB): registers this phone's device key on the pass when the
 * server has none or another phone's, and keeps the signed token for offline use.
 */
function useMyPass() {
  const [state, setState] = useState<{ stored: Stored | null; offline: boolean; loading: boolean }>({
    stored: null,
    offline: false,
    loading: true,
  });
  useEffect(() => {
    let live = true;
    void (async () => {
      const cached = (await kvGet<Stored>('rider')) ?? null;
      if (live && cached) setState({ stored: cached, offline: false, loading: true });
      try {
        let mine = await api.get('/passes/me');
        const device = await deviceKey();
        const bound = mine.token ? peekPass(mine.token)?.dk.x === device.x : false;
        if (mine.pass && mine.pass.status !== 'revoked' && !bound)
          mine = await api.post('/passes/me/device', { body: { alg: device.alg, publicKey: device.x } });
        const scans = (await api.get('/passes/me/scans')).items;
        const stored = { mine, scans, syncedAt: new Date().toISOString() };
        await kvSet('rider', stored);
        if (live) setState({ stored, offline: false, loading: false });
      } catch {
        if (live) setState({ stored: cached, offline: true, loading: false });
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** The QR text for the current 30 s step, re-signed by the device key when the step changes. */
function useQrText(token: string | null, passId: string | undefined) {
  const [text, setText] = useState<string | null>(null);
  const [device, setDevice] = useState<DeviceKey | null>(null);
  useEffect(() => {
    void deviceKey().then(setDevice);
  }, []);
  useEffect(() => {
    if (!token || !passId || !device) return;
    let live = true;
    let step = -1;
    const tick = () => {
      const now = Date.now();
      if (timeStep(now) === step) return;
      step = timeStep(now);
      void passQrText(token, passId, device, now).then((t) => live && setText(t));
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [token, passId, device]);
  return text;
}

function RiderPass() {
  const t = useT();
  const label = useLabel();
  const { stored, offline, loading } = useMyPass();
  const mine = stored?.mine;
  const pass = mine?.pass ?? null;
  const qr = useQrText(mine?.token ?? null, pass?.id);
  useEffect(registerPassWorker, []);
  const skew = mine && !offline ? Math.abs(Date.parse(mine.serverTime) - Date.now()) > 60_000 : false;
  const stillValid = pass && pass.status === 'active' && Date.parse(pass.expiresAt) > Date.now();

  return (
    <div className="ty-light ty-pass-page">
      <header className="ty-pass-head">
        <div>
          <h1 className="ty-pass-title">{t('rider.title')}</h1>
          {offline && stored && (
            <div className="ty-pass-sub">{t('rider.offline', { time: shortDate(stored.syncedAt) })}</div>
          )}
        </div>
        <LanguageSwitch />
      </header>
      {!stored && loading && <Spinner size="large" />}
      {stored && !pass && <Empty description={t('rider.none')} />}
      {pass && (
        <section className="ty-pass-card ty-pass-qr" data-testid="rider-pass" data-qr={qr ?? undefined}>
          <div className="ty-pass-name">{pass.workerName}</div>
          <div className="ty-pass-meta">{label(WORKER_PLATFORMS, pass.platform as keyof typeof WORKER_PLATFORMS)}</div>
          {pass.status === 'revoked' && (
            <div className="ty-pass-note">{t('rider.revoked', { reason: pass.revokeReason ?? '' })}</div>
          )}
          {pass.status !== 'revoked' && !stillValid && <div className="ty-pass-note">{t('rider.expired')}</div>}
          {stillValid && qr && (
            <QrCode text={qr} label={t('rider.qrLabel')} size={280} className="ty-field-qr" testId="online-qr" />
          )}
          {stillValid && !qr && <Spinner label={t('rider.registering')} />}
          {stillValid && <div className="ty-pass-sub">{t('rider.refresh')}</div>}
          <div className="ty-pass-meta">{t('rider.validUntil', { date: shortDate(pass.expiresAt).slice(0, 10) })}</div>
          <div className="ty-pass-meta">
            {pass.scope === 'all'
              ? t('rider.compoundsAll')
              : t('rider.compounds', { list: pass.compounds.map((c) => c.name).join('、') })}
          </div>
          {skew && <div className="ty-pass-note">{t('rider.clockWarn')}</div>}
        </section>
      )}
      {pass && (
        <section className="ty-pass-card">
          <div className="ty-pass-title" style={{ fontSize: 17, marginBottom: 6 }}>
            {t('rider.history')}
          </div>
          {stored!.scans.length === 0 ? (
            <div className="ty-pass-sub">{t('rider.noHistory')}</div>
          ) : (
            <ul className="ty-pass-list" data-testid="rider-history">
              {stored!.scans.slice(0, 30).map((s) => (
                <li key={s.id}>
                  <span>
                    {s.compoundName}
                    {s.gateName ? ` · ${s.gateName}` : ''}
                  </span>
                  <span className="ty-pass-sub">{shortDate(s.scannedAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** 小哥码: the rider's phone page (/rider), usable offline once loaded. */
export default function RiderPage() {
  return (
    <OfflineGuard permission="self">
      <RiderPass />
    </OfflineGuard>
  );
}
