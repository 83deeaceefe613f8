import { useEffect } from 'react';
import { Alert, Button, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { DECISIONS, MEETING_STATUSES, type AgendaItemView, type MeetingView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';
import { fmtScore, useNoteLabel } from './display';
import { useMeeting } from './hooks';
import './minutes.css';

function Counts({ m }: { m: MeetingView }) {
  const t = useT();
  const n = (d: string) => m.items.filter((i) => i.decision === d).length;
  return (
    <p className="ty-minutes-result">
      {t('reviews.minutes.result', { n: m.items.length, approve: n('approve'), ret: n('return'), reject: n('reject') })}
    </p>
  );
}

function ItemJudgements({ m, item, n }: { m: MeetingView; item: AgendaItemView; n: number }) {
  const t = useT();
  const label = useLabel();
  const noteLabel = useNoteLabel();
  return (
    <section className="ty-minutes-item">
      <h3>{t('reviews.minutes.itemHead', { n, title: item.projectTitle, org: item.orgName, v: item.versionNo })}</h3>
      {item.judgements.length === 0 ? (
        <p className="ty-minutes-muted">{t('reviews.noJudgements')}</p>
      ) : (
        <div className="ty-minutes-scroll">
          <table className="ty-minutes-table ty-minutes-judgements">
            <thead>
              <tr>
                <th style={{ width: '11%' }}>{t('reviews.reviewer')}</th>
                {m.criteria.map((c) => (
                  <th
                    key={c.code}
                    className="ty-minutes-num"
                    style={{ width: `${Math.floor(36 / m.criteria.length)}%` }}
                  >
                    {c.name}
                  </th>
                ))}
                <th className="ty-minutes-num" style={{ width: '7%' }}>
                  {t('reviews.total')}
                </th>
                <th>{t('reviews.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {item.judgements.map((j) => (
                <tr key={j.reviewerId}>
                  <td>{j.reviewerName}</td>
                  {m.criteria.map((c) => (
                    <td key={c.code} className="ty-minutes-num">
                      {j.scores[c.code] ?? '—'}
                    </td>
                  ))}
                  <td className="ty-minutes-num">{m.criteria.reduce((a, c) => a + (j.scores[c.code] ?? 0), 0)}</td>
                  <td className="ty-minutes-comment">{j.comment ?? ''}</td>
                </tr>
              ))}
              <tr className="ty-minutes-avg">
                <td>{t('reviews.average')}</td>
                {m.criteria.map((c) => (
                  <td key={c.code} className="ty-minutes-num">
                    {fmtScore(item.averages[c.code])}
                  </td>
                ))}
                <td className="ty-minutes-num">
                  {fmtScore(
                    item.judgements.reduce(
                      (a, j) => a + m.criteria.reduce((b, c) => b + (j.scores[c.code] ?? 0), 0),
                      0,
                    ) / item.judgements.length,
                  )}
                </td>
                <td>
                  {t('reviews.overall')} {fmtScore(item.overall)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <p className="ty-minutes-decision">
        <strong>{t('reviews.decision')}：</strong>
        {item.decision ? label(DECISIONS, item.decision) : t('reviews.undecided')}
        {item.projectCode ? `（${t('reviews.projectCode')} ${item.projectCode}）` : ''}
        {item.decisionNote && (
          <>
            <br />
            <strong>{noteLabel(item.decision)}：</strong>
            {item.decisionNote}
          </>
        )}
      </p>
    </section>
  );
}

/** The minutes laid out on A4 for printing (the browser's print dialog saves them as PDF). */
export default function MinutesPrintPage() {
  const t = useT();
  const label = useLabel();
  const { id } = useParams();
  const { data: m, isPending, error, refetch } = useMeeting(id);

  useEffect(() => {
    if (m) document.title = t('reviews.minutes.title', { title: m.title });
  }, [m, t]);

  if (isPending) return <Spin className="ty-full-spin" />;
  if (error) {
    return (
      <div className="ty-minutes-shell">
        <ErrorState error={error} onRetry={() => void refetch()} backTo="/reviews" />
      </div>
    );
  }
  const allowed = m.abilities.includes('minutes');
  return (
    <div className="ty-minutes-shell">
      <div className="ty-minutes-toolbar">
        <Link to={`/reviews/${m.id}`}>
          <ArrowLeftOutlined /> {t('reviews.minutes.back')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!allowed}>
          {t('reviews.minutes.print')}
        </Button>
      </div>
      {!allowed ? (
        <Alert type="warning" showIcon message={t('reviews.minutes.noAccess')} />
      ) : (
        <article className="ty-minutes" data-testid="minutes">
          <h1>{t('reviews.minutes.title', { title: m.title })}</h1>
          {m.status === 'open' && <p className="ty-minutes-draft">{t('reviews.minutes.draft')}</p>}
          <h2>{t('reviews.minutes.basic')}</h2>
          <table className="ty-minutes-table ty-minutes-meta">
            <tbody>
              <tr>
                <th>{t('reviews.meetingTitle')}</th>
                <td colSpan={3}>{m.title}</td>
              </tr>
              <tr>
                <th>{t('reviews.campaign')}</th>
                <td colSpan={3}>
                  {m.campaignName}（{m.campaignOrgName}）
                </td>
              </tr>
              <tr>
                <th>{t('reviews.meetingDate')}</th>
                <td>{m.meetingDate}</td>
                <th>{t('reviews.place')}</th>
                <td>{m.place}</td>
              </tr>
              <tr>
                <th>{t('reviews.chair')}</th>
                <td>{m.chairName}</td>
                <th>{t('reviews.status')}</th>
                <td>
                  {label(MEETING_STATUSES, m.status)}
                  {m.closedAt ? `（${formatDateTime(m.closedAt)}）` : ''}
                </td>
              </tr>
              <tr>
                <th>{t('reviews.minutes.attendees')}</th>
                <td colSpan={3}>{m.reviewers.map((r) => r.name).join('、')}</td>
              </tr>
              <tr>
                <th>{t('reviews.criteria')}</th>
                <td colSpan={3}>
                  {m.criteria.map((c) => c.name).join('、')}（{t('reviews.criteriaScale')}）
                </td>
              </tr>
              {m.note && (
                <tr>
                  <th>{t('reviews.note')}</th>
                  <td colSpan={3}>{m.note}</td>
                </tr>
              )}
            </tbody>
          </table>

          <h2>{t('reviews.minutes.summary')}</h2>
          <table className="ty-minutes-table">
            <thead>
              <tr>
                <th className="ty-minutes-num" style={{ width: '7%' }}>
                  {t('reviews.minutes.seq')}
                </th>
                <th>{t('reviews.minutes.project')}</th>
                <th style={{ width: '22%' }}>{t('reviews.org')}</th>
                <th className="ty-minutes-num" style={{ width: '10%' }}>
                  {t('reviews.overall')}
                </th>
                <th style={{ width: '14%' }}>{t('reviews.decision')}</th>
                <th style={{ width: '16%' }}>{t('reviews.projectCode')}</th>
              </tr>
            </thead>
            <tbody>
              {m.items.map((i, n) => (
                <tr key={i.id}>
                  <td className="ty-minutes-num">{n + 1}</td>
                  <td>{i.projectTitle}</td>
                  <td>{i.orgName}</td>
                  <td className="ty-minutes-num">{fmtScore(i.overall)}</td>
                  <td>{i.decision ? label(DECISIONS, i.decision) : t('reviews.undecided')}</td>
                  <td className="ty-minutes-nowrap">{i.projectCode ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Counts m={m} />

          <h2>{t('reviews.minutes.details')}</h2>
          {m.items.map((i, n) => (
            <ItemJudgements key={i.id} m={m} item={i} n={n + 1} />
          ))}

          <div className="ty-minutes-sign">
            <span>{t('reviews.minutes.sign')}：</span>
            <span>{t('reviews.minutes.recorder')}：</span>
            <span>
              {t('reviews.minutes.date')}：{m.meetingDate}
            </span>
          </div>
          <p className="ty-minutes-printed">
            {t('reviews.minutes.printedAt', { at: formatDateTime(new Date().toISOString()) })}
          </p>
        </article>
      )}
    </div>
  );
}
