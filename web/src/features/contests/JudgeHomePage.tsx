import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/light/ErrorState';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Empty, Spinner } from '../../components/light/ui';
import { listRows } from '../../components/list-kit/query';
import { addStrings, useT } from '../../i18n';
import { useContestList } from './hooks';
import { ContestStatusBadge } from './phoneDisplay';
import { contestPhoneStrings } from './phoneStrings';
import './judge.css';

// A light page (App.tsx): it brings its own strings.
addStrings(contestPhoneStrings);

/** The judge's landing page on the phone: the contests they judge. */
export default function JudgeHomePage() {
  const t = useT();
  const list = useContestList();
  const rows = listRows(list).filter((c) => c.status !== 'draft');
  return (
    <div className="ty-judge ty-light">
      <header className="ty-judge-head">
        {/* min-width 0: a long title wraps instead of pushing the language switch off a 375 px screen. */}
        <div className="ty-judge-head-main">
          <h1 className="ty-judge-title">{t('judge.home')}</h1>
          <div className="ty-judge-sub">{t('judge.homeSub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {list.isPending ? (
        <div className="ty-judge-center">
          <Spinner />
        </div>
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty description={t('judge.empty')} />
      ) : (
        rows.map((c) => (
          <Link
            key={c.id}
            to={`/judge/contests/${c.id}`}
            className="ty-judge-card ty-judge-link"
            data-testid={`judge-contest-${c.id}`}
          >
            <div className="ty-judge-card-title" style={{ overflowWrap: 'anywhere' }}>
              {c.name}
            </div>
            <div className="ty-judge-card-meta" style={{ overflowWrap: 'anywhere' }}>
              {c.contestDate} · {c.venue} <ContestStatusBadge status={c.status} />
            </div>
            {/* The whole card is the link; this only looks like its button. */}
            <span className="ty-btn is-primary is-large is-block" style={{ marginTop: 12 }} aria-hidden="true">
              {t('judge.open')}
            </span>
          </Link>
        ))
      )}
    </div>
  );
}
