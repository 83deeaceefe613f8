import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatPay, GIG_FAIR_CODE_PREFIX } from '@touyan/schemas/plain';
import type { GigFairView, GigJobView } from '@touyan/schemas';
import { api } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { QrScanner } from '../../components/light/QrScanner';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner, Tag } from '../../components/light/ui';
import { addStrings, useLocale, useT } from '../../i18n';
import { gigFairPhoneStrings } from './fairStrings';
import '../visits/field.css';
import './gigs.css';

// A light page (App.tsx): it brings its own strings.
addStrings(gigFairPhoneStrings);

/** The fair code in what a QR holds: the code itself, or the fair page's address carrying it (`?code=`). */
export function fairCodeOf(raw: string): string | null {
  const text = raw.trim();
  if (text.startsWith(`${GIG_FAIR_CODE_PREFIX}.`)) return text;
  try {
    const code = new URL(text).searchParams.get('code');
    return code?.startsWith(`${GIG_FAIR_CODE_PREFIX}.`) ? code : null;
  } catch {
    return null;
  }
}

/** The rear camera (the shared QrScanner), decoded until a fair code shows. */
function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  return (
    <QrScanner
      accept={fairCodeOf}
      onCode={onCode}
      texts={{ none: t('gf.noCamera'), failed: t('gf.cameraFailed'), hint: t('gf.scanHint') }}
      classes={{ box: 'ty-gf-scan', video: 'ty-gf-video', hint: 'ty-field-hint' }}
    />
  );
}

const timeOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
const todayInBeijing = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Sign-in: done (when), open today (scan, or the code the page was opened with), or not yet. */
function SignIn({ fair }: { fair: GigFairView }) {
  const t = useT();
  const qc = useQueryClient();
  const toast = useToast();
  const onError = useErrorToast();
  const [params, setParams] = useSearchParams();
  const [scanning, setScanning] = useState(false);
  const [typed, setTyped] = useState('');
  const sign = useMutation({
    mutationFn: (code: string) => api.post('/gig-fair-sign-ins', { body: { code } }),
    onSuccess: () => {
      toast.success(t('gf.signedInNow'));
      setScanning(false);
      void qc.invalidateQueries({ queryKey: ['gigs', 'fair-phone', fair.id] });
    },
    onError,
  });
  const fromLink = params.get('code');
  const today = fair.heldOn === todayInBeijing() && fair.status !== 'cancelled';
  // Opened by scanning the poster with the phone's camera: sign in once, then drop the code from the address.
  useEffect(() => {
    if (!fromLink || fair.mySignInAt || !today) return;
    const code = fairCodeOf(fromLink);
    setParams({}, { replace: true });
    if (code) sign.mutate(code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromLink]);
  if (fair.mySignInAt)
    return (
      <div className="ty-gf-signed" data-testid="fair-signed-in">
        ✓ {t('gf.signedIn', { time: timeOf(fair.mySignInAt) })}
      </div>
    );
  if (fair.status === 'cancelled') return <div className="ty-field-hint">{t('gf.cancelled')}</div>;
  if (!today) return <div className="ty-field-hint">{t('gf.notToday', { date: fair.heldOn })}</div>;
  if (sign.isPending) return <Spinner label={t('gf.signingIn')} />;
  return (
    <div>
      {scanning ? (
        <Scanner onCode={(c) => sign.mutate(c)} />
      ) : (
        <Button primary size="large" block onClick={() => setScanning(true)} data-testid="fair-scan">
          {t('gf.signIn')}
        </Button>
      )}
      {scanning && (
        <div className="ty-field-actions">
          <label className="ty-field" style={{ flex: 1 }}>
            <span className="ty-field-label">{t('gf.typeCode')}</span>
            <span className="ty-field-box">
              <input
                value={typed}
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                placeholder={`${GIG_FAIR_CODE_PREFIX}.`}
                onChange={(e) => setTyped(e.target.value)}
                data-testid="fair-code-input"
              />
            </span>
          </label>
          <Button size="large" onClick={() => fairCodeOf(typed) && sign.mutate(fairCodeOf(typed)!)}>
            {t('gf.submitCode')}
          </Button>
        </div>
      )}
    </div>
  );
}

function Position({ job, fairId, applied }: { job: GigJobView; fairId: string; applied: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const qc = useQueryClient();
  const toast = useToast();
  const onError = useErrorToast();
  const apply = useMutation({
    mutationFn: () =>
      api.post('/gig-jobs/:id/intentions', {
        params: { id: job.id },
        body: { shareContact: false, fairId, workerId: null },
      }),
    onSuccess: () => {
      toast.success(t('gf.appliedToast'));
      void qc.invalidateQueries({ queryKey: ['gigs'] });
    },
    onError,
  });
  return (
    <div className="ty-field-card ty-gig-card" data-testid="fair-position">
      <div className="ty-gig-top">
        <div className="ty-field-card-title">{job.title}</div>
        <div className="ty-gig-pay">{formatPay(job.payFen, job.payUnit, locale)}</div>
      </div>
      <div className="ty-field-card-meta">
        {job.hostOrgName} · {t('gf.headcount', { n: job.headcount })}
      </div>
      <div className="ty-field-card-meta">
        {job.address} · {job.dayStart}–{job.dayEnd}
      </div>
      <div className="ty-field-actions">
        <a className="ty-btn is-large" href={`tel:${job.contactPhone}`}>
          {t('gf.call', { name: job.contactName })}
        </a>
        {applied ? (
          <Button size="large" disabled>
            {t('gf.applied')}
          </Button>
        ) : (
          <Button
            primary
            size="large"
            loading={apply.isPending}
            onClick={() => apply.mutate()}
            data-testid="fair-apply"
          >
            {t('gf.apply')}
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * A job fair on a worker's phone (/gigs/fair/:id, what the fair's printed QR opens): when and where,
 * sign-in (by the code the page was opened with, or by scanning it here), the employers and their
 * positions with one-tap applying (the intention is marked as made at the fair).
 */
export default function GigFairPage() {
  const t = useT();
  const { id = '' } = useParams();
  const fair = useQuery({
    queryKey: ['gigs', 'fair-phone', id],
    queryFn: () => api.get('/gig-fairs/:id', { params: { id } }),
  });
  const jobs = useQuery({
    queryKey: ['gigs', 'fair-phone-jobs', id],
    queryFn: () => api.get('/gig-jobs', { query: { fairId: id, status: 'open', limit: 100 } as never }),
  });
  const mine = useQuery({
    // The worker's own intentions (a few): a position applied to before the fair shows as applied too.
    queryKey: ['gigs', 'intentions', 'mine-all'],
    queryFn: () => api.get('/gig-intentions', { query: { limit: 200 } as never }),
  });
  if (fair.isPending) return <Spinner size="large" />;
  if (fair.error) return <ErrorState error={fair.error} onRetry={() => void fair.refetch()} />;
  const f = fair.data;
  const applied = new Set((mine.data?.items ?? []).filter((i) => i.status !== 'withdrawn').map((i) => i.jobId));
  const positions = jobs.data?.items ?? [];
  return (
    <div className="ty-field-page ty-light" data-testid="gig-fair-page">
      <header className="ty-field-head">
        <div className="ty-field-head-main">
          <Link to="/gigs" className="ty-gf-back">
            {t('gf.back')}
          </Link>
          <h1 className="ty-field-title">{f.title}</h1>
          <div className="ty-field-sub">
            {f.heldOn} {f.startTime}–{f.endTime}
          </div>
        </div>
        <LanguageSwitch />
      </header>
      <section className="ty-field-card">
        <div className="ty-gig-top">
          <Tag color={f.mode === 'online' ? 'blue' : 'red'}>{t(f.mode === 'online' ? 'gf.online' : 'gf.onsite')}</Tag>
        </div>
        <div className="ty-field-card-meta">{f.address ?? f.regionName}</div>
        <div className="ty-field-card-meta">{t('gf.organiser', { name: f.organiserName })}</div>
        {f.description && <div className="ty-field-card-meta">{f.description}</div>}
        <div className="ty-field-card-meta">{t('gf.stats', { a: f.attendance, i: f.intentions })}</div>
        <div className="ty-gf-signin">
          <SignIn fair={f} />
        </div>
      </section>
      <h2 className="ty-gf-h2">{t('gf.employers', { n: f.employers.length })}</h2>
      <div className="ty-gf-employers">
        {f.employers.map((e) => (
          <span key={e.hostOrgId} className="ty-gf-employer">
            {e.name}
          </span>
        ))}
      </div>
      <h2 className="ty-gf-h2">{t('gf.positions', { n: positions.length })}</h2>
      {jobs.isPending && <Spinner />}
      {jobs.data && positions.length === 0 && <Empty description={t('gf.noPositions')} />}
      {positions.map((j) => (
        <Position key={j.id} job={j} fairId={f.id} applied={applied.has(j.id)} />
      ))}
    </div>
  );
}
