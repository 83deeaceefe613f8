import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  WORKER_OCCUPATION_CODES,
  WORKER_OCCUPATIONS,
  WORKER_PLATFORM_CODES,
  WORKER_PLATFORMS,
  idNumberCheckChar,
  type WorkerOccupation,
  type WorkerPlatform,
} from '@touyan/schemas/plain';
import type { WorkerSelfBody, WorkerView } from '@touyan/schemas';
import { api } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner, Tag } from '../../components/light/ui';
import { addStrings, useLabel, useLocale, useT, type MessageKey } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { MyDisputesLink } from '../disputes/MyDisputesLink';
import { uploadWorkerPhoto, useMyRegistration, useSaveMyRegistration, useWorkerAction, workerKeys } from './hooks';
import { workerPhoneStrings } from './phoneStrings';
import '../visits/field.css';
import './worker.css';
import { GigsEntry } from '../gigs/GigsEntry';
import '../gigs/gigs.css';

// A light page (App.tsx): it brings its own strings.
addStrings(workerPhoneStrings);

/** The client-side check of an ID number (GB 11643): length, then the check character. */
export function idNumberProblem(v: string): 'wk.required' | 'wk.idLength' | 'wk.idCheck' | null {
  const s = v.trim().toUpperCase();
  if (!s) return 'wk.required';
  if (!/^\d{17}[\dX]$/.test(s)) return 'wk.idLength';
  return idNumberCheckChar(s.slice(0, 17)) === s[17] ? null : 'wk.idCheck';
}

interface Draft {
  name: string;
  mobile: string;
  idNumber: string;
  platform: WorkerPlatform | '';
  occupation: WorkerOccupation | '';
  regionCode: string;
  partyMember: boolean;
  partyOrgId: string;
  photoId: string | null;
}

function useOptions() {
  return useQuery({ queryKey: ['workers', 'me', 'options'], queryFn: () => api.get('/workers/me/options') });
}

/** One photo from the front camera, uploaded at once (the registration links it when sent). */
function SelfiePicker({
  preview,
  onPicked,
  onBusy,
}: {
  preview: string | null;
  onPicked: (id: string, preview: string) => void;
  onBusy: (b: boolean) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const onError = useErrorToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File) => {
    setBusy(true);
    onBusy(true);
    try {
      const a = await uploadWorkerPhoto(file, file.name || 'photo.jpg', locale);
      onPicked(a.id, URL.createObjectURL(file));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
      onBusy(false);
    }
  };
  return (
    <div className="ty-field">
      <span className="ty-field-label">{t('wk.photo')}</span>
      <div className="ty-wk-photo">
        {busy ? <Spinner /> : preview ? <img src={preview} alt={t('wk.photo')} /> : null}
        <Button onClick={() => input.current?.click()} data-testid="worker-photo">
          {preview ? t('wk.photoRetake') : t('wk.photoTake')}
        </Button>
      </div>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="user"
        hidden
        data-testid="worker-photo-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void pick(f);
        }}
      />
    </div>
  );
}

function Field({ label, error, children }: { label: string; error?: string | null; children: React.ReactNode }) {
  return (
    <label className="ty-field">
      <span className="ty-field-label">{label}</span>
      <span className={`ty-field-box${error ? ' is-invalid' : ''}`}>{children}</span>
      {error && <div className="ty-field-error">{error}</div>}
    </label>
  );
}

/** The worker's registration form: new, or an edit of one pending or rejected. */
function RegisterForm({ current, onDone }: { current: WorkerView | null; onDone: () => void }) {
  const t = useT();
  const label = useLabel();
  const toast = useToast();
  const onError = useErrorToast();
  const save = useSaveMyRegistration();
  const options = useOptions();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [preview, setPreview] = useState<string | null>(current?.photoUrl ?? null);
  const [d, setD] = useState<Draft>({
    name: current?.name ?? '',
    mobile: '',
    idNumber: '',
    platform: current?.platform ?? '',
    occupation: current?.occupation ?? '',
    regionCode: current?.regionCode ?? '',
    partyMember: current?.partyMember ?? false,
    partyOrgId: current?.partyOrgId ?? '',
    photoId: null,
  });
  const regions = useMemo(() => options.data?.regions ?? [], [options.data]);
  useEffect(() => {
    if (!d.regionCode && regions.length) setD((x) => ({ ...x, regionCode: regions[0]!.code }));
  }, [regions, d.regionCode]);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const problems: Partial<Record<keyof Draft, MessageKey>> = {
    ...(d.name.trim() ? {} : { name: 'wk.required' }),
    // Editing, a number left empty keeps the one sent before.
    ...(/^1[3-9]\d{9}$/.test(d.mobile.trim()) || (current && !d.mobile.trim())
      ? {}
      : { mobile: d.mobile.trim() ? 'wk.mobileBad' : 'wk.required' }),
    ...(idNumberProblem(d.idNumber) && !(current && !d.idNumber.trim())
      ? { idNumber: idNumberProblem(d.idNumber)! }
      : {}),
    ...(d.platform ? {} : { platform: 'wk.required' }),
    ...(d.occupation ? {} : { occupation: 'wk.required' }),
    ...(d.regionCode ? {} : { regionCode: 'wk.required' }),
  };
  // The ID number is checked as it is typed, once it is complete.
  const idLive = d.idNumber.trim().length >= 18 ? idNumberProblem(d.idNumber) : null;
  const err = (k: keyof Draft) => (tried && problems[k] ? t(problems[k]!) : null);

  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length) return;
    if (busy) {
      toast.error(t('wk.uploading'));
      return;
    }
    const body: WorkerSelfBody = {
      name: d.name.trim(),
      mobile: d.mobile.trim() || undefined,
      idNumber: d.idNumber.trim().toUpperCase() || undefined,
      platform: d.platform as WorkerPlatform,
      occupation: d.occupation as WorkerOccupation,
      regionCode: d.regionCode,
      partyMember: d.partyMember,
      partyOrgId: d.partyMember && d.partyOrgId ? d.partyOrgId : null,
      photoId: d.photoId,
      ...(current ? { version: current.version } : {}),
    };
    save.mutate(body, {
      onSuccess: () => {
        toast.success(t('wk.saved'));
        onDone();
      },
      onError,
    });
  };

  return (
    <div className="ty-field-card" data-testid="worker-form">
      <Field label={t('wk.name')} error={err('name')}>
        <input value={d.name} maxLength={30} autoComplete="name" onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field label={t('wk.mobile')} error={err('mobile')}>
        <input
          value={d.mobile}
          inputMode="numeric"
          maxLength={11}
          autoComplete="tel"
          placeholder={current?.mobileMasked}
          onChange={(e) => set({ mobile: e.target.value.replace(/\D/g, '') })}
        />
      </Field>
      <Field label={t('wk.idNumber')} error={err('idNumber') ?? (idLive ? t(idLive) : null)}>
        <input
          value={d.idNumber}
          maxLength={18}
          data-testid="worker-id"
          placeholder={current?.idNumberMasked ?? t('wk.idHint')}
          onChange={(e) => set({ idNumber: e.target.value.replace(/[^\dxX]/g, '').toUpperCase() })}
        />
      </Field>
      <div className="ty-field">
        <span className="ty-field-label">{t('wk.platform')}</span>
        <div className="ty-field-kinds" role="group" aria-label={t('wk.platform')}>
          {WORKER_PLATFORM_CODES.map((p) => (
            <button key={p} type="button" aria-pressed={d.platform === p} onClick={() => set({ platform: p })}>
              {label(WORKER_PLATFORMS, p)}
            </button>
          ))}
        </div>
        {err('platform') && <div className="ty-field-error">{err('platform')}</div>}
      </div>
      <div className="ty-field">
        <span className="ty-field-label">{t('wk.occupation')}</span>
        <div className="ty-field-kinds" role="group" aria-label={t('wk.occupation')}>
          {WORKER_OCCUPATION_CODES.map((o) => (
            <button key={o} type="button" aria-pressed={d.occupation === o} onClick={() => set({ occupation: o })}>
              {label(WORKER_OCCUPATIONS, o)}
            </button>
          ))}
        </div>
        {err('occupation') && <div className="ty-field-error">{err('occupation')}</div>}
      </div>
      <Field label={t('wk.region')} error={err('regionCode')}>
        <select value={d.regionCode} aria-label={t('wk.region')} onChange={(e) => set({ regionCode: e.target.value })}>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      <label className="ty-wk-check">
        <input
          type="checkbox"
          checked={d.partyMember}
          data-testid="worker-party"
          onChange={(e) => set({ partyMember: e.target.checked })}
        />
        <span>{t('wk.partyMember')}</span>
      </label>
      {d.partyMember && (
        <Field label={t('wk.partyOrg')}>
          <select
            value={d.partyOrgId}
            aria-label={t('wk.partyOrg')}
            onChange={(e) => set({ partyOrgId: e.target.value })}
          >
            <option value="">{t('wk.partyOrgNone')}</option>
            {(options.data?.partyOrgs ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <SelfiePicker
        preview={preview}
        onBusy={setBusy}
        onPicked={(id, url) => {
          set({ photoId: id });
          setPreview(url);
        }}
      />
      <div className="ty-field-actions">
        {current && (
          <Button size="large" onClick={onDone}>
            {t('wk.cancel')}
          </Button>
        )}
        <Button primary size="large" loading={save.isPending} onClick={submit} data-testid="worker-submit">
          {t('wk.submit')}
        </Button>
      </div>
    </div>
  );
}

/** The worker's own registration: its status in large type, and the form when there is none or it can be edited. */
function MyRegistration() {
  const t = useT();
  const me = useMyRegistration();
  const [editing, setEditing] = useState(false);
  if (me.isPending) return <Spinner size="large" />;
  if (me.error && !me.data) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const w = me.data?.worker ?? null;
  if (!w || editing) return <RegisterForm current={w} onDone={() => setEditing(false)} />;
  const hint =
    w.status === 'rejected'
      ? t('wk.rejectedHint', { reason: w.rejectReason ?? '—' })
      : t(`wk.${w.status}Hint` as MessageKey);
  return (
    <div className="ty-field-card" data-testid="worker-status">
      <div className={`ty-wk-status is-${w.status}`} data-testid="worker-status-text">
        {t(`wk.status.${w.status}` as MessageKey)}
      </div>
      <div className="ty-wk-row">
        {w.photoUrl && <img className="ty-wk-avatar" src={w.photoUrl} alt={w.name} />}
        <div style={{ flex: 1, minWidth: 0 }}>
          <div className="ty-field-card-title">{w.name}</div>
          <div className="ty-field-card-meta">
            {t('wk.masked', { id: w.idNumberMasked, mobile: w.mobileMasked })} · {w.regionName}
          </div>
        </div>
      </div>
      <p className="ty-field-hint">{hint}</p>
      {(w.status === 'pending' || w.status === 'rejected') && (
        <div className="ty-field-actions">
          <Button size="large" primary={w.status === 'rejected'} onClick={() => setEditing(true)}>
            {t('wk.edit')}
          </Button>
        </div>
      )}
    </div>
  );
}

const QUICK_REASONS = ['照片不清晰，请重新拍照', '信息与平台登记不一致', '不在本区域，请到所在地驿家登记'];

/** A station manager's (or staff's) queue: pending registrations of their area; verify in one tap, reject in two. */
function VerifyQueue() {
  const t = useT();
  const label = useLabel();
  const toast = useToast();
  const onError = useErrorToast();
  const act = useWorkerAction();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const queue = useQuery({
    queryKey: [...workerKeys.all, 'queue'],
    queryFn: () => api.get('/workers', { query: { status: 'pending', limit: 50, withTotal: '1' } }),
  });
  if (queue.isPending) return <Spinner size="large" />;
  if (queue.error && !queue.data) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  const items = queue.data?.items ?? [];
  const decide = (w: WorkerView, action: 'verify' | 'reject', why?: string) =>
    act.mutate(
      { id: w.id, action, version: w.version, reason: why },
      {
        onSuccess: () => {
          toast.success(t(action === 'verify' ? 'wk.approved' : 'wk.rejectedDone', { name: w.name }));
          setRejecting(null);
          setReason('');
        },
        onError,
      },
    );
  return (
    <section data-testid="worker-queue">
      <h2 className="ty-wk-h2">{t('wk.queue', { n: queue.data?.total ?? items.length })}</h2>
      {!items.length && <Empty description={t('wk.queueEmpty')} />}
      {items.map((w) => (
        <div className="ty-field-card" key={w.id} data-testid={`queue-${w.id}`}>
          <div className="ty-wk-row">
            {w.photoUrl && <img className="ty-wk-avatar" src={w.photoUrl} alt={w.name} />}
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="ty-field-card-title">
                {w.name} {w.partyMember && <Tag color="red">{t('wk.member')}</Tag>}
              </div>
              <div className="ty-field-card-meta">
                {label(WORKER_PLATFORMS, w.platform)} · {label(WORKER_OCCUPATIONS, w.occupation)} · {w.regionName}
              </div>
              <div className="ty-field-card-meta">
                {t('wk.masked', { id: w.idNumberMasked, mobile: w.mobileMasked })}
              </div>
            </div>
          </div>
          {rejecting === w.id ? (
            <>
              <div className="ty-field-chips">
                {QUICK_REASONS.map((r) => (
                  <button key={r} type="button" className="ty-field-chip" onClick={() => setReason(r)}>
                    {r}
                  </button>
                ))}
              </div>
              <Field label={t('wk.rejectReason')}>
                <textarea value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
              </Field>
              <div className="ty-field-actions">
                <Button size="large" onClick={() => setRejecting(null)}>
                  {t('wk.cancel')}
                </Button>
                <Button
                  size="large"
                  primary
                  disabled={!reason.trim()}
                  loading={act.isPending}
                  onClick={() => decide(w, 'reject', reason.trim())}
                >
                  {t('wk.rejectConfirm')}
                </Button>
              </div>
            </>
          ) : (
            w.abilities.includes('verify') && (
              <div className="ty-field-actions">
                <Button size="large" onClick={() => setRejecting(w.id)} data-testid="queue-reject">
                  {t('wk.reject')}
                </Button>
                <Button
                  primary
                  size="large"
                  loading={act.isPending && act.variables?.id === w.id}
                  onClick={() => decide(w, 'verify')}
                  data-testid="queue-verify"
                >
                  {t('wk.approve')}
                </Button>
              </div>
            )
          )}
        </div>
      ))}
    </section>
  );
}

/**
 * 新就业群体 on the phone (/worker): a worker registers and follows their status; a station manager
 * (or staff) verifies the pending registrations of their area.
 */
export default function WorkerPage() {
  const t = useT();
  const me = useCurrentUser();
  const isWorker = me.roles.some((r) => r.role === 'worker');
  const verifies = me.permissions.includes('worker.verify');
  return (
    <div className="ty-field-page ty-light" data-testid="worker-page">
      <header className="ty-field-head">
        <div className="ty-field-head-main">
          <h1 className="ty-field-title">{t('wk.title')}</h1>
          <div className="ty-field-sub">{t('wk.sub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {isWorker && <MyRegistration />}
      {isWorker && <MyDisputesLink />}
      {me.permissions.includes('gig.apply') && <GigsEntry />}
      {verifies && <VerifyQueue />}
      {!isWorker && !verifies && <Empty description={t('wk.none')} />}
    </div>
  );
}
