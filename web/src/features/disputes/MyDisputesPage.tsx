import {
  DISPUTE_EVENTS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  LEGAL_AID_STATUSES,
  type DisputeEvent,
  type DisputeStatus,
} from '@touyan/schemas/plain';
import { useState } from 'react';
import type { DisputeSelfCase } from '@touyan/schemas';
import { ErrorState } from '../../components/light/ErrorState';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner, Tag } from '../../components/light/ui';
import { ApplyForm } from './ApplyForm';
import { addStrings, useLabel, useT, type MessageKey } from '../../i18n';
import { useMyDisputes } from './selfHooks';
import { workerDisputeStrings } from './workerStrings';
import './disputes.css';

// A light page (App.tsx): it brings its own strings.
addStrings(workerDisputeStrings);

/** The five steps a worker sees, and which one each case status stands at. */
const STEPS = ['registered', 'mediation', 'arbitration', 'litigation', 'closed'] as const;
const STEP_OF: Record<DisputeStatus, (typeof STEPS)[number]> = {
  registered: 'registered',
  mediating: 'mediation',
  mediated: 'mediation',
  mediation_failed: 'mediation',
  arbitrating: 'arbitration',
  litigating: 'litigation',
  closed: 'closed',
};

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysFrom = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const beijingDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

function CaseCard({ c }: { c: DisputeSelfCase }) {
  const t = useT();
  const label = useLabel();
  const at = STEPS.indexOf(STEP_OF[c.status]);
  const left = c.nextDate ? daysFrom(today(), c.nextDate) : null;
  return (
    <section className="ty-md-card" data-testid="my-case">
      <div className="ty-md-row">
        <div>
          <div className="ty-md-who">{c.respondentName}</div>
          <div className="ty-md-meta">
            {label(DISPUTE_TYPES, c.type)} · {t('wd.claim', { yuan: yuan(c.claimFen) })}
          </div>
          <div className="ty-md-meta">
            {c.caseNo} · {t('wd.received', { date: c.receivedOn })}
          </div>
        </div>
        <Tag color={c.status === 'closed' ? 'green' : 'blue'}>{label(DISPUTE_STATUSES, c.status)}</Tag>
      </div>
      <ol className="ty-wd-steps" aria-label={t('wd.steps')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i < at ? 'is-done' : i === at ? 'is-now' : ''}
            aria-current={i === at ? 'step' : undefined}
          >
            <span className="ty-wd-dot" />
            {t(`wd.stage.${s}` as MessageKey)}
          </li>
        ))}
      </ol>
      <div className="ty-wd-next" data-testid="my-case-next">
        <div className="ty-md-sub">{t('wd.next')}</div>
        {c.nextDate ? (
          <div>
            <b className="ty-wd-date">{c.nextDate}</b> {c.nextLabel}{' '}
            <span className="ty-md-sub">
              （
              {left! > 0 ? t('wd.daysLeft', { n: left! }) : left === 0 ? t('wd.today') : t('wd.passed', { n: -left! })}
              ）
            </span>
          </div>
        ) : (
          <div className="ty-md-sub">{t('wd.nextNone')}</div>
        )}
      </div>
      {c.legalAid && (
        <div className="ty-md-meta">{t('wd.legalAid', { status: label(LEGAL_AID_STATUSES, c.legalAid) })}</div>
      )}
      {c.outcome && (
        <div className="ty-md-meta">
          {t('wd.outcome', { outcome: label(DISPUTE_OUTCOMES, c.outcome), yuan: yuan(c.recoveredFen ?? 0) })}
        </div>
      )}
      <h3 className="ty-wd-h3">{t('wd.steps')}</h3>
      <ul className="ty-wd-log">
        {[...c.steps].reverse().map((s, i) => (
          <li key={i}>
            <span className="ty-md-sub">{beijingDate(s.at)}</span>{' '}
            {s.event in DISPUTE_EVENTS ? label(DISPUTE_EVENTS, s.event as DisputeEvent) : t('wd.intake')}
          </li>
        ))}
      </ul>
      {c.centrePhone && (
        <a className="ty-btn is-large is-block" href={`tel:${c.centrePhone}`}>
          {t('wd.call', { phone: c.centrePhone })}
        </a>
      )}
    </section>
  );
}

/** 新就业群体: my own labour-dispute cases on the phone (/worker/disputes) — stage, next date, progress. */
export default function MyDisputesPage() {
  const t = useT();
  const q = useMyDisputes();
  const items = q.data?.items ?? [];
  const [applying, setApplying] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <div className="ty-md-page ty-light" data-testid="my-disputes-page">
      <header className="ty-md-head">
        <div>
          <a href="/worker" className="ty-md-sub">
            ‹ {t('wd.back')}
          </a>
          <h1 className="ty-md-title">{t('wd.title')}</h1>
          <div className="ty-md-sub">{t('wd.sub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {applying ? (
        <>
          <ApplyForm
            onDone={() => {
              setApplying(false);
              setDone(true);
            }}
          />
          <Button block onClick={() => setApplying(false)} className="ty-wd-cancel">
            {t('wd.f.cancel')}
          </Button>
        </>
      ) : (
        <Button
          primary
          size="large"
          block
          onClick={() => {
            setApplying(true);
            setDone(false);
          }}
          data-testid="apply-open"
        >
          {t('wd.apply')}
        </Button>
      )}
      {done && (
        <p className="ty-wd-done" role="status" data-testid="apply-done">
          {t('wd.f.done')}
        </p>
      )}
      {q.isPending ? (
        <Spinner size="large" />
      ) : q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <>
          <Empty description={t('wd.none')} />
          <p className="ty-md-sub" style={{ textAlign: 'center' }}>
            {t('wd.noneHint')}
          </p>
        </>
      ) : (
        items.map((c) => <CaseCard key={c.id} c={c} />)
      )}
    </div>
  );
}
