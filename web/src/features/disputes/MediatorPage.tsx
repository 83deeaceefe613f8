import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DISPUTE_CLOCKS,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  SESSION_RESULT_CODES,
  SESSION_RESULTS,
  type SessionResult,
} from '@touyan/schemas/plain';
import type { DisputeCaseView, DisputeClockView } from '@touyan/schemas';
import { api } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Button, Empty, Spinner, Tag } from '../../components/light/ui';
import { addStrings, useLabel, useT } from '../../i18n';
import { mediatorStrings } from './mediatorStrings';
import './disputes.css';

// A light page (App.tsx): it brings its own strings.
addStrings(mediatorStrings);

const casesKey = ['disputes', 'mediator'] as const;
/** The Asia/Shanghai date of now. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The running clock nearest its last day (the list's order and the card's chip). */
const nextClock = (c: DisputeCaseView): DisputeClockView | undefined => c.clocks.find((k) => k.daysLeft !== null);
const urgency = (c: DisputeCaseView) => nextClock(c)?.daysLeft ?? Number.MAX_SAFE_INTEGER;

function ClockChip({ clock }: { clock: DisputeClockView | undefined }) {
  const t = useT();
  const label = useLabel();
  if (!clock || clock.daysLeft === null) return <span className="ty-md-clock">{t('md.noClock')}</span>;
  const days = clock.daysLeft;
  const text = days < 0 ? t('md.overdue', { n: -days }) : days === 0 ? t('md.dueToday') : t('md.left', { n: days });
  return (
    <span className={`ty-md-clock is-${clock.state}`} data-testid="clock" title={clock.dueOn}>
      {label(DISPUTE_CLOCKS, clock.kind)} · {text}
    </span>
  );
}

/** One case: tap to open; a session's result in one tap, a note, save (≤ 3 taps plus text). */
function CaseCard({ c, open, onToggle }: { c: DisputeCaseView; open: boolean; onToggle: () => void }) {
  const t = useT();
  const label = useLabel();
  const toast = useToast();
  const showError = useErrorToast();
  const qc = useQueryClient();
  const [result, setResult] = useState<SessionResult | null>(null);
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post('/dispute-cases/:id/events', { params: { id: c.id }, body: { ...body, version: c.version } as never }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: casesKey }),
  });
  const record = () =>
    act.mutate(
      { event: 'record_session', heldOn: today(), result, note: note.trim() || null },
      {
        onSuccess: () => {
          toast.success(t('md.saved'));
          setResult(null);
          setNote('');
          onToggle();
        },
        onError: showError,
      },
    );
  const start = () =>
    act.mutate(
      { event: 'start_mediation', receivedOn: today(), note: null },
      { onSuccess: () => toast.success(t('md.started')), onError: showError },
    );
  return (
    <div className={`ty-md-card${open ? ' is-open' : ''}`} data-testid="case-card">
      <div className="ty-md-row" onClick={onToggle} role="button" tabIndex={0} aria-expanded={open}>
        <div>
          <div className="ty-md-who">
            {c.workerName} · {c.respondentName}
          </div>
          <div className="ty-md-meta">
            {c.caseNo} · {label(DISPUTE_TYPES, c.type)} · {t('md.claim', { yuan: (c.claimFen / 100).toFixed(0) })}
          </div>
          <div className="ty-md-meta ty-md-row">
            <Tag color={c.status === 'mediating' ? 'blue' : 'default'}>{label(DISPUTE_STATUSES, c.status)}</Tag>
            <ClockChip clock={nextClock(c)} />
          </div>
        </div>
      </div>
      {open && c.abilities.includes('record_session') && (
        <div>
          <div className="ty-md-results" role="group" aria-label={t('md.record')}>
            {SESSION_RESULT_CODES.map((r) => (
              <button
                key={r}
                type="button"
                className={`ty-md-result${result === r ? ' is-picked' : ''}`}
                aria-pressed={result === r}
                onClick={() => setResult(r)}
                data-testid={`result-${r}`}
              >
                {label(SESSION_RESULTS, r)}
              </button>
            ))}
          </div>
          <textarea
            className="ty-md-note"
            placeholder={t('md.note')}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            data-testid="session-note"
          />
          <div className="ty-md-actions">
            <Button
              primary
              size="large"
              block
              disabled={!result}
              loading={act.isPending}
              onClick={record}
              data-testid="save-session"
            >
              {t('md.save')}
            </Button>
          </div>
        </div>
      )}
      {open && (c.status === 'mediated' || c.status === 'closed') && (
        <div className="ty-md-actions">
          <a className="ty-btn is-large is-block" href={`/disputes/${c.id}/agreement`} data-testid="agreement-link">
            {t('md.agreement')}
          </a>
        </div>
      )}
      {open && c.abilities.includes('start_mediation') && (
        <div className="ty-md-actions">
          <Button primary size="large" block loading={act.isPending} onClick={start} data-testid="start-mediation">
            {t('md.start')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** 调解员's phone page: the open cases of their centre, most urgent clock first. */
export default function MediatorPage() {
  const t = useT();
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: casesKey,
    queryFn: () => api.get('/dispute-cases', { query: { open: true, limit: 100 } as never }),
    refetchInterval: 120_000,
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => urgency(a) - urgency(b));
  return (
    <div className="ty-md-page ty-light" data-testid="mediator-page">
      <header className="ty-md-head">
        <div>
          <h1 className="ty-md-title">{t('md.title')}</h1>
          <div className="ty-md-sub">{list.data ? t('md.count', { n: items.length }) : t('md.sub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {list.isPending ? (
        <Spinner size="large" />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t('md.none')} />
      ) : (
        items.map((c) => (
          <CaseCard key={c.id} c={c} open={open === c.id} onToggle={() => setOpen(open === c.id ? null : c.id)} />
        ))
      )}
    </div>
  );
}
