import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { ContestBoard, ContestProjectView, ContestView, Rubric } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { ConfirmDialog, useErrorToast, useToast } from '../../components/light/feedback';
import { CheckCircleIcon, HistoryIcon, LeftIcon, LockIcon } from '../../components/light/icons';
import { Button, Spinner, Tag } from '../../components/light/ui';
import { formatDateTime } from '../../components/time';
import { addStrings, useT } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { fmtCountdown } from './format';
import { contestKeys, useBoardStream, useContest, useCountdown, useSheet, useSubmitSheet } from './hooks';
import { fitDraft, useJudgeDrafts, type Draft } from './judgeDrafts';
import { checkSheet, readScore } from './judgeScores';
import { ContestStatusBadge } from './phoneDisplay';
import { contestPhoneStrings } from './phoneStrings';
import './judge.css';

// A light page (App.tsx): no antd, and it brings its own strings.
addStrings(contestPhoneStrings);

function LockedSheet({
  contestId,
  project,
  rubric,
}: {
  contestId: string;
  project: ContestProjectView;
  rubric: Rubric;
}) {
  const t = useT();
  const sheet = useSheet(contestId, project.projectId, true);
  if (sheet.isPending) return <Spinner />;
  if (sheet.error) return <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const s = sheet.data;
  return (
    <div className="ty-judge-locked" data-testid="sheet-locked">
      <div className="ty-judge-locked-badge">
        <LockIcon /> {t('judge.locked')}
        {s.submittedAt && (
          <span className="ty-judge-locked-at">{t('judge.lockedAt', { at: formatDateTime(s.submittedAt) })}</span>
        )}
      </div>
      {rubric.criteria.map((c) => (
        <div key={c.code} className="ty-judge-row">
          <div className="ty-judge-crit">
            <div className="ty-judge-crit-name">{c.name}</div>
            <div className="ty-judge-crit-max">{t('judge.max', { n: c.maxPoints })}</div>
          </div>
          <div className="ty-judge-value" data-testid={`locked-${c.code}`}>
            {s.scores?.[c.code] ?? '—'}
          </div>
        </div>
      ))}
      <div className="ty-judge-total">
        <span>{t('judge.total')}</span>
        <strong data-testid="sheet-total">{s.total ?? '—'}</strong>
      </div>
    </div>
  );
}

function SheetForm({
  contest,
  project,
  draft,
  setDraft,
  restored,
  onDone,
}: {
  contest: ContestView;
  project: ContestProjectView;
  draft: Draft;
  setDraft: (d: Draft) => void;
  /** The draft came back from this phone's storage (after a reload). */
  restored: boolean;
  /** The sheet is in (or was already locked): its draft goes. */
  onDone: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const onError = useErrorToast();
  const submit = useSubmitSheet(contest.id, project.projectId);
  const criteria = contest.rubric.criteria;
  /** Exactly what is in each box (the draft keeps numbers; text like "1.5" lives only here). */
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const { problems, complete } = checkSheet(criteria, draft, texts);
  const total = criteria.reduce((s, c) => s + (draft[c.code] ?? 0), 0);
  const inputId = (code: string) => `score-${project.projectId}-${code}`;

  const onType = (code: string, maxPoints: number, text: string) => {
    setTexts((all) => ({ ...all, [code]: text }));
    setDraft({ ...draft, [code]: readScore(text, maxPoints).value });
  };

  const onSubmit = () => {
    const wrong = criteria.find((c) => problems[c.code]);
    if (wrong) {
      toast.warning(t('judge.fixScores'));
      document.getElementById(inputId(wrong.code))?.focus();
      return;
    }
    if (!complete) {
      toast.warning(t('judge.fillAll'));
      return;
    }
    setConfirming(true);
  };

  const send = () => {
    const scores = Object.fromEntries(criteria.map((c) => [c.code, draft[c.code] as number]));
    return submit.mutateAsync(scores).then(
      () => {
        onDone();
        toast.success(t('judge.submittedOk'));
      },
      (e: unknown) => {
        if (isApiError(e) && e.code === 'CONTEST_SHEET_LOCKED') onDone();
        onError(e);
      },
    );
  };

  return (
    <div className="ty-judge-form">
      {restored && (
        <div className="ty-judge-restored" data-testid="draft-restored" role="status">
          <HistoryIcon /> {t('judge.draftRestored')}
        </div>
      )}
      {criteria.map((c) => {
        const problem = problems[c.code];
        const errorId = `${inputId(c.code)}-error`;
        return (
          <div key={c.code} className="ty-judge-row">
            <label className="ty-judge-crit" htmlFor={inputId(c.code)}>
              <div className="ty-judge-crit-name">{c.name}</div>
              <div className="ty-judge-crit-max">
                {t('judge.max', { n: c.maxPoints })}
                {c.description ? ` · ${c.description}` : ''}
              </div>
            </label>
            <input
              id={inputId(c.code)}
              data-testid={`score-${c.code}`}
              className="ty-judge-input"
              type="text"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete="off"
              enterKeyHint="next"
              placeholder={`0–${c.maxPoints}`}
              value={texts[c.code] ?? (typeof draft[c.code] === 'number' ? String(draft[c.code]) : '')}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
              onChange={(e) => onType(c.code, c.maxPoints, e.target.value)}
            />
            {problem && (
              <div className="ty-judge-error" id={errorId} role="alert" data-testid={`score-error-${c.code}`}>
                {problem === 'overMax'
                  ? t('judge.overMax', { n: c.maxPoints })
                  : t('judge.notWhole', { n: c.maxPoints })}
              </div>
            )}
          </div>
        );
      })}
      <div className="ty-judge-total">
        <span>{t('judge.total')}</span>
        <strong data-testid="sheet-total">{total}</strong>
        <span className="ty-judge-total-of">/ 100</span>
      </div>
      <Button
        primary
        size="large"
        block
        className="ty-judge-submit"
        loading={submit.isPending}
        onClick={onSubmit}
        data-testid="sheet-submit"
      >
        {t('judge.submit')}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={t('judge.confirmTitle')}
          content={t('judge.confirmText', { total })}
          okText={t('judge.confirm')}
          cancelText={t('common.cancel')}
          onOk={send}
          onClose={() => setConfirming(false)}
          testId="sheet-confirm-dialog"
          okTestId="sheet-confirm"
        />
      )}
    </div>
  );
}

function ProjectCard({
  contest,
  project,
  board,
  clockOffset,
  open,
  onToggle,
  draft,
  setDraft,
  restored,
  onDone,
}: {
  contest: ContestView;
  project: ContestProjectView;
  board: ContestBoard | null;
  clockOffset: number;
  open: boolean;
  onToggle: () => void;
  draft: Draft;
  setDraft: (d: Draft) => void;
  restored: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const isCurrent = contest.currentProjectId === project.projectId;
  const mine = project.mine;
  const endsAt = isCurrent ? (board?.current?.endsAt ?? project.endsAt) : null;
  const left = useCountdown(isCurrent && project.phase === 'presenting' ? endsAt : null, clockOffset);

  let state: React.ReactNode;
  if (!mine || !mine.eligible) state = <Tag>{t('judge.excluded')}</Tag>;
  else if (mine.submitted)
    state = (
      <Tag color="green" icon={<CheckCircleIcon />}>
        {t('judge.locked')}
      </Tag>
    );
  else if (project.phase === 'presenting') state = <Tag color="red">{t('judge.toScore')}</Tag>;
  else if (project.phase === 'closed') state = <Tag>{t('judge.closed')}</Tag>;
  else state = <Tag>{t('judge.waiting')}</Tag>;

  let body: React.ReactNode = null;
  if (open) {
    if (!mine || !mine.eligible) body = <div className="ty-judge-note">{t('judge.excludedHint')}</div>;
    else if (mine.submitted) body = <LockedSheet contestId={contest.id} project={project} rubric={contest.rubric} />;
    else if (project.phase === 'presenting')
      body = (
        <SheetForm
          contest={contest}
          project={project}
          draft={draft}
          setDraft={setDraft}
          restored={restored}
          onDone={onDone}
        />
      );
    else if (project.phase === 'closed') body = <div className="ty-judge-note">{t('judge.closedMissed')}</div>;
    else body = <div className="ty-judge-note">{t('judge.waiting')}</div>;
  }

  return (
    <section
      className={`ty-judge-card${isCurrent ? ' is-current' : ''}`}
      data-testid={`judge-sheet-${project.projectId}`}
      aria-current={isCurrent ? 'step' : undefined}
    >
      <button type="button" className="ty-judge-card-head" onClick={onToggle} aria-expanded={open}>
        <span className="ty-judge-pos">{project.position ?? '·'}</span>
        <span className="ty-judge-card-main">
          <span className="ty-judge-card-title">{project.title}</span>
          <span className="ty-judge-card-meta">{project.orgName}</span>
          <span className="ty-judge-card-tags">
            {isCurrent && project.phase === 'presenting' && <Tag color="#b71c1c">{t('judge.current')}</Tag>}
            {state}
            {left !== null && (
              <span className={`ty-judge-clock${left < 0 ? ' is-over' : ''}`}>{fmtCountdown(left)}</span>
            )}
          </span>
        </span>
      </button>
      {body && <div className="ty-judge-card-body">{body}</div>}
    </section>
  );
}

/** The judge's phone page: the running order, the current presenter open, one sheet per project. */
export default function JudgeContestPage() {
  const t = useT();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const contest = useContest(id);
  const sig = useRef('');
  const { board, clockOffset } = useBoardStream(id, (b) => {
    const s = `${b.version}|${b.status}|${b.current?.projectId ?? ''}|${b.projects.map((p) => p.phase).join(',')}`;
    if (sig.current && sig.current !== s) void qc.invalidateQueries({ queryKey: contestKeys.one(id) });
    sig.current = s;
  });
  const c = contest.data;
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const me = useCurrentUser();
  const { drafts, restored, setDraft, clear } = useJudgeDrafts(me.id, id);
  const current = c?.currentProjectId ?? null;

  // The project on stage opens by itself when it changes.
  useEffect(() => {
    if (current) setOpen((o) => ({ ...o, [current]: true }));
  }, [current]);

  // A sheet already in (from this phone before a reload, or another device), or no longer this judge's
  // to score: its stored draft goes.
  useEffect(() => {
    for (const p of c?.projects ?? []) {
      if (p.mine && (p.mine.submitted || !p.mine.eligible) && (drafts[p.projectId] || restored.has(p.projectId)))
        clear(p.projectId);
    }
  }, [c?.projects, drafts, restored, clear]);

  const projects = useMemo(
    () =>
      [...(c?.projects ?? [])].sort(
        (a, b) => (a.position ?? 1e9) - (b.position ?? 1e9) || a.title.localeCompare(b.title, 'zh-CN'),
      ),
    [c?.projects],
  );

  if (contest.isPending)
    return (
      <div className="ty-judge ty-judge-center ty-light">
        <Spinner size="large" />
      </div>
    );
  if (contest.error || !c)
    return (
      <div className="ty-judge ty-light">
        <ErrorState error={contest.error} onRetry={() => void contest.refetch()} backTo="/judge" />
      </div>
    );

  const mineCount = c.projects.filter((p) => p.mine?.eligible).length;
  const doneCount = c.projects.filter((p) => p.mine?.submitted).length;

  return (
    <div className="ty-judge ty-light">
      <header className="ty-judge-head">
        <Link to="/judge" className="ty-judge-back" aria-label={t('judge.backHome')}>
          <LeftIcon />
        </Link>
        <div className="ty-judge-head-main">
          <h1 className="ty-judge-title">{c.name}</h1>
          <div className="ty-judge-sub">
            {c.contestDate} · {c.venue} <ContestStatusBadge status={c.status} />
          </div>
        </div>
      </header>
      <div className="ty-judge-progress">
        {t('judge.order')} · {t('judge.locked')} {doneCount} / {mineCount}
      </div>
      {(c.status === 'draft' || c.status === 'ready') && <div className="ty-judge-banner">{t('judge.notRunning')}</div>}
      {(c.status === 'finished' || c.status === 'published') && (
        <div className="ty-judge-banner">
          {t('judge.finished')}
          {c.status === 'published' && (
            <Link to={`/contests/${c.id}/results`} style={{ marginInlineStart: 8 }}>
              {t('judge.results')}
            </Link>
          )}
        </div>
      )}
      {projects.map((p) => (
        <ProjectCard
          key={p.projectId}
          contest={c}
          project={p}
          board={board}
          clockOffset={clockOffset}
          open={!!open[p.projectId]}
          onToggle={() => setOpen((o) => ({ ...o, [p.projectId]: !o[p.projectId] }))}
          draft={fitDraft(drafts[p.projectId], c.rubric)}
          setDraft={(d) => setDraft(p.projectId, d)}
          restored={restored.has(p.projectId)}
          onDone={() => clear(p.projectId)}
        />
      ))}
    </div>
  );
}
