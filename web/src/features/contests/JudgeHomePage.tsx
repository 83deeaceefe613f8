import { Button, Empty, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { listRows } from '../../components/list-kit/query';
import { useT } from '../../i18n';
import { ContestStatusTag } from './display';
import { useContestList } from './hooks';
import './judge.css';

/** The judge's landing page on the phone: the contests they judge. */
export default function JudgeHomePage() {
  const t = useT();
  const list = useContestList();
  const rows = listRows(list).filter((c) => c.status !== 'draft');
  return (
    <div className="ty-judge">
      <header className="ty-judge-head">
        {/* min-width 0: a long title wraps instead of pushing the language switch off a 375 px screen. */}
        <div className="ty-judge-head-main">
          <div className="ty-judge-title">{t('judge.home')}</div>
          <div className="ty-judge-sub">{t('judge.homeSub')}</div>
        </div>
        <LanguageSwitch />
      </header>
      {list.isPending ? (
        <div className="ty-judge-center">
          <Spin />
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
              {c.contestDate} · {c.venue} <ContestStatusTag status={c.status} />
            </div>
            <Button type="primary" size="large" block style={{ marginTop: 12 }}>
              {t('judge.open')}
            </Button>
          </Link>
        ))
      )}
    </div>
  );
}
