import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  formatPay,
  GIG_KIND_CODES,
  GIG_KINDS,
  GIG_SKILL_CODES,
  GIG_SKILLS,
  type GigKind,
  type GigSkill,
} from '@touyan/schemas/plain';
import type { GigForMeItem, GigIntentionView, GigPreferenceView } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner, Tag } from '../../components/light/ui';
import { addStrings, useLabel, useLocale, useT, type MessageKey } from '../../i18n';
import { useApply, useForMe, useIntentionAction, useMyIntentions, useMyPreferences, useSavePreferences } from './hooks';
import { gigPhoneStrings } from './phoneStrings';
import '../visits/field.css';
import './gigs.css';

// A light page (App.tsx): it brings its own strings.
addStrings(gigPhoneStrings);

type Tab = 'forMe' | 'mine' | 'prefs';
type Here = { lat: number; lng: number } | null;

function JobCard({ item, onApplied }: { item: GigForMeItem; onApplied: () => void }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const toast = useToast();
  const onError = useErrorToast();
  const apply = useApply();
  const j = item.job;
  return (
    <div className="ty-field-card ty-gig-card" data-testid="gig-job">
      <div className="ty-gig-top">
        <div className="ty-field-card-title">{j.title}</div>
        <div className="ty-gig-pay">{formatPay(j.payFen, j.payUnit, locale)}</div>
      </div>
      <div className="ty-field-card-meta">
        {j.hostOrgName} · {label(GIG_KINDS, j.kind)} · {t('gp.headcount', { n: j.headcount })}
      </div>
      <div className="ty-gig-reasons" data-testid="gig-reasons">
        <Tag color="green">{t('gp.match', { score: item.score })}</Tag> {item.summary}
      </div>
      <div className="ty-field-card-meta">
        {j.address} · {j.dayStart}–{j.dayEnd} · {t('gp.closing', { date: j.closingOn })}
      </div>
      <div className="ty-field-actions">
        <a className="ty-btn is-large" href={`tel:${j.contactPhone}`}>
          {t('gp.call', { name: j.contactName })}
        </a>
        {item.intentionStatus && item.intentionStatus !== 'withdrawn' ? (
          <Button size="large" disabled>
            {t('gp.applied')}
          </Button>
        ) : (
          <Button
            primary
            size="large"
            loading={apply.isPending}
            data-testid="gig-apply"
            onClick={() =>
              apply.mutate(
                { jobId: j.id, body: { shareContact: false, fairId: null, workerId: null } },
                {
                  onSuccess: () => {
                    toast.success(t('gp.appliedToast'));
                    onApplied();
                  },
                  onError,
                },
              )
            }
          >
            {t('gp.apply')}
          </Button>
        )}
      </div>
    </div>
  );
}

function ForMe() {
  const t = useT();
  const [here, setHere] = useState<Here>(null);
  const [locating, setLocating] = useState(false);
  const q: Record<string, string> = here ? { lat: String(here.lat), lng: String(here.lng) } : {};
  const list = useForMe(q);
  const locate = () => {
    if (!navigator.geolocation) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setHere({ lat: p.coords.latitude, lng: p.coords.longitude });
        setLocating(false);
      },
      () => setLocating(false),
      { timeout: 10_000 },
    );
  };
  if (list.isPending) return <Spinner size="large" />;
  if (list.error) {
    if (isApiError(list.error) && list.error.code === 'GIG_NO_REGISTRATION')
      return (
        <Empty
          description={
            <>
              {t('gp.noRegistration')} <Link to="/worker">{t('gp.register')}</Link>
            </>
          }
        />
      );
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  return (
    <section>
      <div className="ty-field-actions ty-gig-locate">
        <Button onClick={locate} loading={locating} data-testid="gig-locate">
          {here ? t('gp.located') : locating ? t('gp.locating') : t('gp.useLocation')}
        </Button>
      </div>
      {!list.data.hasPreferences && <div className="ty-field-hint">{t('gp.noPrefs')}</div>}
      {list.data.items.length === 0 && <Empty description={t('gp.empty')} />}
      {list.data.items.map((item) => (
        <JobCard key={item.job.id} item={item} onApplied={() => void list.refetch()} />
      ))}
    </section>
  );
}

function Mine() {
  const t = useT();
  const list = useMyIntentions();
  const act = useIntentionAction();
  const onError = useErrorToast();
  if (list.isPending) return <Spinner size="large" />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty description={t('gp.mineEmpty')} />;
  const color = (i: GigIntentionView) =>
    i.status === 'hired' ? 'green' : i.status === 'applied' ? 'blue' : i.status === 'not_hired' ? 'red' : 'default';
  return (
    <section>
      {list.data.items.map((i) => (
        <div key={i.id} className="ty-field-card" data-testid="gig-intention">
          <div className="ty-gig-top">
            <div className="ty-field-card-title">{i.jobTitle}</div>
            <Tag color={color(i)}>{t(`gp.status.${i.status}` as MessageKey)}</Tag>
          </div>
          <div className="ty-field-card-meta">{i.hostOrgName}</div>
          <div className="ty-gig-reasons">{i.summary}</div>
          {i.abilities.length > 0 && (
            <div className="ty-field-actions">
              {i.abilities.includes('withdraw') && (
                <Button size="large" onClick={() => act.mutate({ id: i.id, action: 'withdraw' }, { onError })}>
                  {t('gp.withdraw')}
                </Button>
              )}
              {i.abilities.includes('share') && !i.contactShared && (
                <Button primary size="large" onClick={() => act.mutate({ id: i.id, action: 'share' }, { onError })}>
                  {t('gp.share')}
                </Button>
              )}
            </div>
          )}
          {i.contactShared && <div className="ty-field-hint">{t('gp.shared')}</div>}
        </div>
      ))}
    </section>
  );
}

function Chips<T extends string>({
  codes,
  dict,
  value,
  onChange,
  label: aria,
}: {
  codes: readonly T[];
  dict: Record<T, { 'zh-CN': string; en: string }>;
  value: T[];
  onChange: (v: T[]) => void;
  label: string;
}) {
  const label = useLabel();
  return (
    <div className="ty-field-kinds is-small" role="group" aria-label={aria}>
      {codes.map((c) => (
        <button
          key={c}
          type="button"
          aria-pressed={value.includes(c)}
          onClick={() => onChange(value.includes(c) ? value.filter((v) => v !== c) : [...value, c])}
        >
          {label(dict, c)}
        </button>
      ))}
    </div>
  );
}

function Preferences() {
  const t = useT();
  const toast = useToast();
  const onError = useErrorToast();
  const current = useMyPreferences();
  const save = useSavePreferences();
  const [d, setD] = useState<GigPreferenceView | null>(null);
  useEffect(() => {
    if (current.data) setD(current.data);
  }, [current.data]);
  if (current.isPending) return <Spinner size="large" />;
  if (current.error) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  if (!d) return null;
  const set = (patch: Partial<GigPreferenceView>) => setD({ ...d, ...patch });
  const place = () =>
    navigator.geolocation?.getCurrentPosition((p) => set({ lat: p.coords.latitude, lng: p.coords.longitude }));
  const submit = () =>
    save.mutate(
      {
        kinds: d.kinds,
        mutedKinds: d.mutedKinds,
        lat: d.lat,
        lng: d.lng,
        regionCode: d.regionCode,
        maxDistanceKm: d.maxDistanceKm,
        weekdays: d.weekdays,
        hourFrom: d.hourFrom,
        hourTo: d.hourTo,
        minPayFen: d.minPayFen,
        minPayUnit: d.minPayFen ? 'day' : null,
        skills: d.skills,
        smsOptIn: d.smsOptIn,
        ...(d.version ? { version: d.version } : {}),
      },
      { onSuccess: () => toast.success(t('gp.saved')), onError },
    );
  return (
    <section className="ty-field-card" data-testid="gig-prefs">
      <div className="ty-field-label">{t('gp.kinds')}</div>
      <Chips<GigKind>
        codes={GIG_KIND_CODES}
        dict={GIG_KINDS}
        value={d.kinds}
        onChange={(kinds) => set({ kinds })}
        label={t('gp.kinds')}
      />
      <div className="ty-field-label">{t('gp.skills')}</div>
      <Chips<GigSkill>
        codes={GIG_SKILL_CODES}
        dict={GIG_SKILLS}
        value={d.skills}
        onChange={(skills) => set({ skills })}
        label={t('gp.skills')}
      />
      <label className="ty-field">
        <span className="ty-field-label">{t('gp.distance')}</span>
        <span className="ty-field-box">
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={d.maxDistanceKm}
            onChange={(e) => set({ maxDistanceKm: Math.max(1, Math.min(100, Number(e.target.value) || 1)) })}
          />
        </span>
      </label>
      <label className="ty-field">
        <span className="ty-field-label">{t('gp.minPay')}</span>
        <span className="ty-field-box">
          <input
            type="number"
            inputMode="numeric"
            min={0}
            value={d.minPayFen ? d.minPayFen / 100 : ''}
            onChange={(e) => set({ minPayFen: e.target.value ? Math.round(Number(e.target.value) * 100) : null })}
          />
        </span>
      </label>
      <div className="ty-field-actions">
        <Button size="large" onClick={place}>
          {d.lat !== null ? t('gp.placeSet') : t('gp.myPlace')}
        </Button>
      </div>
      <div className="ty-field-label">{t('gp.muted')}</div>
      <Chips<GigKind>
        codes={GIG_KIND_CODES}
        dict={GIG_KINDS}
        value={d.mutedKinds}
        onChange={(mutedKinds) => set({ mutedKinds })}
        label={t('gp.muted')}
      />
      <label className="ty-gig-check">
        <input type="checkbox" checked={d.smsOptIn} onChange={(e) => set({ smsOptIn: e.target.checked })} />
        {t('gp.sms')}
      </label>
      <div className="ty-field-actions">
        <Button primary size="large" block loading={save.isPending} onClick={submit} data-testid="gig-prefs-save">
          {t('gp.save')}
        </Button>
      </div>
    </section>
  );
}

/** 零工快招 on the worker's phone (/gigs): jobs for me with their reasons, one-tap applying, my applications, preferences. */
export default function GigsPage() {
  const t = useT();
  const [tab, setTab] = useState<Tab>('forMe');
  return (
    <div className="ty-field-page ty-light" data-testid="gigs-page">
      <header className="ty-field-head">
        <div className="ty-field-head-main">
          <h1 className="ty-field-title">{t('gp.title')}</h1>
          <div className="ty-field-sub">{t('gp.sub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      <nav className="ty-gig-tabs" role="tablist">
        {(['forMe', 'mine', 'prefs'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t(`gp.tab.${k}` as MessageKey)}
          </button>
        ))}
      </nav>
      {tab === 'forMe' && <ForMe />}
      {tab === 'mine' && <Mine />}
      {tab === 'prefs' && <Preferences />}
    </div>
  );
}
