import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { CONTEST_GRADES } from '@touyan/schemas/plain';
import { addStrings, useLabel, useT } from '../../i18n';
import { fmt2, fmtCountdown } from './format';
import { useBoardStream, useCountdown } from './hooks';
import { contestPhoneStrings } from './phoneStrings';
import './screen.css';

// A light page (App.tsx): it brings its own strings.
addStrings(contestPhoneStrings);

/** The big figures shrink with their length so that `+10:30` or `12 / 12` stays inside its box. */
const fitClass = (text: string) => (text.length >= 6 ? ' is-longer' : text.length === 5 ? ' is-long' : '');

/** The projector page (1920×1080): live through SSE, no reload, reconnects by itself. */
export default function BigScreenPage() {
  const t = useT();
  const label = useLabel();
  const { id = '' } = useParams();
  const { board, state, clockOffset } = useBoardStream(id);
  const cur = board?.current ?? null;
  const left = useCountdown(cur?.phase === 'presenting' ? cur.endsAt : null, clockOffset);
  // Every project in running order; a score appears once the project's scoring is closed.
  const finished = useMemo(
    () => [...(board?.projects ?? [])].sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9)),
    [board?.projects],
  );
  const published = board?.status === 'published';
  const rows = published
    ? [...finished].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (a.position ?? 0) - (b.position ?? 0))
    : finished;

  const submitted = cur ? `${cur.submitted} / ${cur.eligibleJudges}` : '—';
  /** Long lists take two columns, filled top to bottom, then left to right. */
  const two = rows.length > 18;
  const perColumn = Math.ceil(rows.length / 2);

  return (
    <div className={`ty-screen${published ? ' is-published' : ''}`}>
      <header className="ty-screen-head">
        <div className="ty-screen-name" data-testid="screen-name">
          {board?.name ?? ''}
        </div>
        {state === 'offline' && <div className="ty-screen-offline">{t('screen.reconnecting')}</div>}
      </header>
      <main className="ty-screen-main">
        {!published && (
          <section className="ty-screen-stage">
            <div className="ty-screen-label">{t('screen.current')}</div>
            <div className="ty-screen-current" data-testid="screen-current">
              {cur ? (
                <>
                  <div className="ty-screen-pos">{cur.position ?? ''}</div>
                  <div>
                    <div className="ty-screen-title">{cur.title}</div>
                    <div className="ty-screen-org">{cur.orgName}</div>
                  </div>
                </>
              ) : (
                <div className="ty-screen-title ty-screen-idle">
                  {board?.status === 'finished'
                    ? t('screen.finished')
                    : board?.status === 'running'
                      ? t('screen.noCurrent')
                      : t('screen.notStarted')}
                </div>
              )}
            </div>
            {board?.status !== 'finished' && (
              <div className="ty-screen-figures">
                <div className="ty-screen-figure">
                  <div className="ty-screen-label">{t('screen.countdown')}</div>
                  <div
                    className={`ty-screen-countdown${left !== null && left < 0 ? ' is-over' : ''}${left !== null && left >= 0 && left <= 60 ? ' is-last' : ''}${fitClass(fmtCountdown(left))}`}
                    data-testid="screen-countdown"
                  >
                    {fmtCountdown(left)}
                  </div>
                </div>
                <div className="ty-screen-figure">
                  <div className="ty-screen-label">{t('screen.submitted')}</div>
                  <div className={`ty-screen-submitted${fitClass(submitted)}`} data-testid="screen-submitted">
                    {submitted}
                  </div>
                </div>
              </div>
            )}
          </section>
        )}
        <section className="ty-screen-board">
          <div className="ty-screen-label">{published ? t('screen.results') : t('screen.scores')}</div>
          <ol
            className={`ty-screen-list${rows.length > 10 ? ' is-dense' : ''}${two ? ' is-two' : ''}`}
            style={two ? { gridTemplateRows: `repeat(${perColumn}, minmax(0, 1fr))` } : undefined}
          >
            {rows.map((p) => (
              <li
                key={p.projectId}
                className={`ty-screen-row${p.projectId === cur?.projectId ? ' is-current' : ''}${p.phase === 'waiting' ? ' is-waiting' : ''}`}
              >
                <span className="ty-screen-row-pos">{published ? (p.rank ?? '') : (p.position ?? '')}</span>
                <span className="ty-screen-row-title">
                  {p.title}
                  <span className="ty-screen-row-org">{p.orgName}</span>
                </span>
                {published && p.grade && <span className="ty-screen-grade">{label(CONTEST_GRADES, p.grade)}</span>}
                {p.phase === 'closed' ? (
                  <span className="ty-screen-row-score" data-testid={`screen-score-${p.projectId}`}>
                    {fmt2(p.score)}
                  </span>
                ) : (
                  <span className="ty-screen-row-score is-pending">—</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
