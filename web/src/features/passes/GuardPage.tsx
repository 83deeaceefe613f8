import { useCallback, useEffect, useRef, useState } from 'react';
import {
  PASS_VERDICT_LABELS,
  PassKeyring,
  WORKER_PLATFORMS,
  openRevocations,
  verifyPass,
  type PassVerdict,
  type PublicPassKey,
} from '@touyan/schemas/plain';
import type { GuardPost } from '@touyan/schemas';
import { api, isApiError } from '../../api/client';
import { useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Spinner } from '../../components/light/ui';
import { addStrings, useLabel, useLocale, useT } from '../../i18n';
import { kvGet, kvSet, newClientId, queueAdd, queueAll, queueDelete, registerPassWorker } from './offline';
import { OfflineGuard } from './OfflineGuard';
import { passStrings } from './passStrings';
import { cachedPhotoUrl, holderPhotoUrl, syncPhotos } from './photos';
import { startScanner } from './scanner';
import './passes.css';

addStrings(passStrings);

/** What the phone keeps to verify offline: its post, the issuer keys, the signed revocation list. */
interface Synced {
  post: GuardPost;
  keys: PublicPassKey[];
  revocations: { signed: string; version: number; ids: string[]; fetchedAt: string };
  /** Thumbnails of the pass holders' photos kept for offline verdicts (see photos.ts). */
  photos?: number;
}

interface Shown {
  verdict: PassVerdict;
  /** The pass holder named in the code (for the photo), when the code could be read. */
  workerId: string | null;
  name: string | null;
  platform: string | null;
  expiresAt: string | null;
  offline: boolean;
}

const TONE: Record<PassVerdict, 'valid' | 'warn' | 'bad'> = {
  valid: 'valid',
  expired: 'warn',
  stale: 'warn',
  wrong_compound: 'warn',
  revoked: 'bad',
  forged: 'bad',
  unknown_key: 'bad',
};

/** Syncs (online) or loads (offline) the guard's post, keys and revocation list. */
function useSynced() {
  const [synced, setSynced] = useState<Synced | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const sync = useCallback(async () => {
    const cached = (await kvGet<Synced>('guard')) ?? null;
    if (cached) setSynced(cached);
    try {
      const [post, keys, list] = await Promise.all([
        api.get('/guard-posts/me'),
        api.get('/passes/public-keys'),
        api.get('/passes/revocations'),
      ]);
      const opened = await openRevocations(list.signed, keys.items);
      const next: Synced = {
        post,
        keys: keys.items,
        revocations: opened
          ? { signed: list.signed, version: opened.ver, ids: opened.ids, fetchedAt: list.issuedAt }
          : (cached?.revocations ?? { signed: '', version: 0, ids: [], fetchedAt: '' }),
        photos: cached?.photos,
      };
      await kvSet('guard', next);
      setSynced(next);
      setError(null);
      // The holders' photos follow in the background (the page verifies without them).
      void syncPhotos()
        .then(async (photos) => {
          const withPhotos = { ...next, photos };
          await kvSet('guard', withPhotos);
          setSynced((cur) => (cur === next ? withPhotos : cur && { ...cur, photos }));
        })
        .catch(() => undefined);
    } catch (e) {
      if (!cached || isApiError(e)) setError(e);
    } finally {
      setReady(true);
    }
  }, []);
  useEffect(() => {
    void sync();
  }, [sync]);
  return { synced, error, ready, sync };
}

/** Uploads the queued offline scans (each once: the server dedupes by client id). */
async function flushQueue(): Promise<number> {
  const queued = await queueAll();
  if (queued.length === 0) return 0;
  let sent = 0;
  for (let i = 0; i < queued.length; i += 100) {
    const part = queued.slice(i, i + 100);
    await api.post('/pass-scans/batch', { body: { scans: part as never } });
    for (const s of part) await queueDelete(s.clientId);
    sent += part.length;
  }
  return sent;
}

function useAge(iso: string) {
  const t = useT();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return null;
  const min = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (min < 1) return t('guard.justNow');
  if (min < 120) return t('guard.minutesAgo', { n: min });
  return t('guard.hoursAgo', { n: Math.floor(min / 60) });
}

/**
 * The holder's photo on the verdict: the thumbnail kept for offline use, else (online) the server's
 * photo route; the name's first character when there is neither (or the image fails to load).
 */
function HolderPhoto({ workerId, name, online }: { workerId: string | null; name: string; online: boolean }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setSrc(null);
    setFailed(false);
    if (!workerId) return;
    let live = true;
    let url: string | null = null;
    void cachedPhotoUrl(workerId).then((cached) => {
      url = cached;
      if (!live) {
        if (cached) URL.revokeObjectURL(cached);
        return;
      }
      setSrc(cached ?? (online ? holderPhotoUrl(workerId) : null));
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [workerId, online]);
  if (src && !failed)
    return (
      <img
        className="ty-pass-avatar ty-pass-photo"
        data-testid="guard-photo"
        src={src}
        alt={name}
        onError={() => setFailed(true)}
      />
    );
  return (
    <div className="ty-pass-avatar" aria-hidden data-testid="guard-initial">
      {name.slice(0, 1)}
    </div>
  );
}

function GuardCheck() {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const toast = useToast();
  const { synced, error, ready, sync } = useSynced();
  const [mode, setMode] = useState<'home' | 'camera' | 'manual' | 'verdict'>('home');
  const [shown, setShown] = useState<Shown | null>(null);
  const [manual, setManual] = useState('');
  const [queued, setQueued] = useState(0);
  const [online, setOnline] = useState(navigator.onLine);
  const [busy, setBusy] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const ring = useRef<{ keys: PublicPassKey[]; ring: PassKeyring } | null>(null);
  const age = useAge(synced?.revocations.fetchedAt ?? '');
  useEffect(registerPassWorker, []);

  const refreshQueue = useCallback(() => void queueAll().then((q) => setQueued(q.length)), []);
  const upload = useCallback(async () => {
    try {
      const n = await flushQueue();
      if (n > 0) toast.success(t('guard.uploaded', { n }));
    } catch {
      /* still offline: later */
    }
    refreshQueue();
  }, [refreshQueue, toast, t]);

  useEffect(() => {
    refreshQueue();
    if (navigator.onLine) void upload();
    const on = () => {
      setOnline(true);
      void upload();
      void sync();
    };
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, [refreshQueue, upload, sync]);

  const check = useCallback(
    async (qr: string) => {
      if (!synced) return;
      setBusy(true);
      if (ring.current?.keys !== synced.keys) ring.current = { keys: synced.keys, ring: new PassKeyring(synced.keys) };
      const local = await verifyPass(qr, {
        keys: ring.current.ring,
        revocations: synced.revocations.ids,
        compoundId: synced.post.compoundId,
        now: Date.now(),
      });
      const clientId = newClientId();
      const scannedAt = new Date().toISOString();
      let next: Shown = {
        verdict: local.verdict,
        workerId: local.pass?.wid ?? null,
        name: local.pass?.name ?? null,
        platform: local.pass?.plat ?? null,
        expiresAt: local.pass ? new Date(local.pass.exp * 1000).toISOString() : null,
        offline: true,
      };
      try {
        if (!navigator.onLine) throw new Error('offline');
        const r = await api.post('/passes/verify', { body: { qr, clientId, gateId: synced.post.gateId } });
        next = {
          verdict: r.verdict,
          // The server read the same code: its holder is the one the phone decoded.
          workerId: r.passId && r.passId === local.pass?.pid ? local.pass.wid : null,
          name: r.workerName,
          platform: r.platform,
          expiresAt: r.expiresAt,
          offline: false,
        };
      } catch (e) {
        if (isApiError(e) && e.status < 500) toast.error(e.message);
        await queueAdd({ clientId, qr, verdict: local.verdict, scannedAt, gateId: synced.post.gateId });
        refreshQueue();
      }
      setShown(next);
      setMode('verdict');
      setBusy(false);
    },
    [synced, refreshQueue, toast],
  );

  useEffect(() => {
    if (mode !== 'camera' || !video.current) return;
    let stop: (() => void) | null = null;
    let live = true;
    startScanner(video.current, (text) => void check(text))
      .then((s) => (live ? (stop = s) : s()))
      .catch(() => {
        toast.error(t('guard.noCamera'));
        setMode('manual');
      });
    return () => {
      live = false;
      stop?.();
    };
  }, [mode, check, toast, t]);

  if (!ready && !synced) return <Spinner size="large" />;
  if (!synced)
    return (
      <div className="ty-pass-card">
        {isApiError(error) && error.code === 'NOT_A_GUARD'
          ? t('guard.notGuard')
          : String((error as Error)?.message ?? '')}
      </div>
    );

  return (
    <>
      <div className="ty-pass-status" data-testid="guard-status">
        <span>
          {synced.post.compoundName}
          {synced.post.gateName ? ` · ${synced.post.gateName}` : ''}
        </span>
        <span data-testid="guard-list-age">
          {synced.revocations.fetchedAt
            ? t('guard.listAge', { v: synced.revocations.version, age: age ?? '' })
            : t('guard.listNever')}
        </span>
        {synced.photos !== undefined && (
          <span data-testid="guard-photos">{t('guard.photos', { n: synced.photos })}</span>
        )}
        {queued > 0 && (
          <span className="is-warn" data-testid="guard-queued">
            {t('guard.queued', { n: queued })}
          </span>
        )}
      </div>
      {!online && <div className="ty-pass-note">{t('guard.offline')}</div>}
      <div style={{ height: 12 }} />
      {mode === 'home' && (
        <div className="ty-pass-actions">
          <Button primary className="ty-pass-big" data-testid="guard-scan" onClick={() => setMode('camera')}>
            {t('guard.scan')}
          </Button>
          <Button size="large" block data-testid="guard-manual" onClick={() => setMode('manual')}>
            {t('guard.manual')}
          </Button>
        </div>
      )}
      {mode === 'camera' && (
        <div className="ty-pass-actions">
          <div className="ty-pass-video">
            <video ref={video} muted playsInline />
            <div className="ty-pass-video-frame" />
          </div>
          <div className="ty-pass-sub" style={{ textAlign: 'center' }}>
            {t('guard.aiming')}
          </div>
          <Button size="large" block onClick={() => setMode('manual')}>
            {t('guard.manual')}
          </Button>
          <Button size="large" block onClick={() => setMode('home')}>
            {t('guard.cancel')}
          </Button>
        </div>
      )}
      {mode === 'manual' && (
        <div className="ty-pass-actions">
          <textarea
            className="ty-pass-textarea"
            data-testid="guard-input"
            placeholder={t('guard.manualHint')}
            value={manual}
            onChange={(e) => setManual(e.target.value)}
          />
          <Button
            primary
            className="ty-pass-big"
            data-testid="guard-verify"
            loading={busy}
            disabled={!manual.trim()}
            onClick={() => void check(manual.trim())}
          >
            {t('guard.verify')}
          </Button>
          <Button size="large" block onClick={() => setMode('home')}>
            {t('guard.cancel')}
          </Button>
        </div>
      )}
      {mode === 'verdict' && shown && (
        <div className="ty-pass-actions">
          <div
            className={`ty-pass-verdict is-${TONE[shown.verdict]}`}
            data-testid="guard-verdict"
            data-verdict={shown.verdict}
          >
            <div className="ty-pass-verdict-word">{PASS_VERDICT_LABELS[shown.verdict][locale]}</div>
            {shown.name && (
              <div className="ty-pass-person">
                <HolderPhoto workerId={shown.workerId} name={shown.name} online={!shown.offline} />
                <div>
                  <div className="ty-pass-person-name">{shown.name}</div>
                  <div>{label(WORKER_PLATFORMS, shown.platform as keyof typeof WORKER_PLATFORMS)}</div>
                  {shown.expiresAt && (
                    <div>
                      {t('guard.validUntil', {
                        date: new Date(Date.parse(shown.expiresAt) + 8 * 3_600_000).toISOString().slice(0, 10),
                      })}
                    </div>
                  )}
                </div>
              </div>
            )}
            {shown.offline && <div style={{ marginTop: 10, opacity: 0.9 }}>{t('guard.offlineVerdict')}</div>}
          </div>
          <Button
            primary
            className="ty-pass-big"
            data-testid="guard-next"
            onClick={() => {
              setManual('');
              setMode('camera');
            }}
          >
            {t('guard.next')}
          </Button>
          <Button size="large" block onClick={() => setMode('manual')}>
            {t('guard.manual')}
          </Button>
        </div>
      )}
    </>
  );
}

/** 小哥码: the gate guard's phone page (/guard). */
export default function GuardPage() {
  const t = useT();
  return (
    <OfflineGuard permission="pass.verify">
      <div className="ty-light ty-pass-page">
        <header className="ty-pass-head">
          <h1 className="ty-pass-title">{t('guard.title')}</h1>
          <LanguageSwitch />
        </header>
        <GuardCheck />
      </div>
    </OfflineGuard>
  );
}
