import {
  ARBITRATION_STATUSES,
  AWARD_RESULTS,
  CLOCK_STATES,
  DISPUTE_CLOCKS,
  DISPUTE_EVENTS,
  DISPUTE_OUTCOMES,
  DISPUTE_SOURCES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  JUDGEMENT_RESULTS,
  LEGAL_AID_STATUSES,
  LITIGATION_KINDS,
  MEDIATION_STATUSES,
  RESPONDENT_KINDS,
  type DisputeEvent,
} from '@touyan/schemas/plain';
import type { DisputeDetailView } from '@touyan/schemas';
import { CasePrintFrame } from './CasePrintFrame';

const zh = <K extends string>(dict: Record<K, { 'zh-CN': string }>, code: K | null | undefined) =>
  code ? dict[code]['zh-CN'] : '—';
const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`;
const TIMELINE_EXTRA: Record<string, string> = {
  intake: '受理登记',
  evidence: '补充证据',
  clock_overdue: '期限届满提醒',
  group: '编入集体争议',
};
/** An instant as its Beijing date and time. */
const beijing = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * 案件摘要 on A4 (print to PDF), from the case's records: the parties and claim, every stage's
 * record, the statutory clocks with their last days, extensions, legal aid, the outcome and the
 * amount recovered, and the timeline. In Chinese, as the centre files it.
 */
export default function SummaryPage() {
  return (
    <CasePrintFrame testId="summary" className="ty-a4-summary">
      {(c) => <Summary c={c} />}
    </CasePrintFrame>
  );
}

function Summary({ c }: { c: DisputeDetailView }) {
  const m = c.mediation;
  const a = c.arbitration;
  const l = c.litigation;
  return (
    <>
      <h1>劳动争议案件摘要</h1>
      <div className="ty-a4-no">
        编号：{c.caseNo}
        {'\u3000\u3000'}
        {c.centreName}
      </div>
      <table className="ty-a4-table">
        <tbody>
          <tr>
            <th>申请人</th>
            <td>
              {c.workerName}（{c.workerMobileMasked}）
            </td>
            <th>被申请人</th>
            <td>
              {c.respondentName}（{zh(RESPONDENT_KINDS, c.respondentKind)}）
              {c.respondentCreditCode && <div className="ty-a4-small">{c.respondentCreditCode}</div>}
            </td>
          </tr>
          <tr>
            <th>争议类型</th>
            <td>{zh(DISPUTE_TYPES, c.type)}</td>
            <th>请求金额</th>
            <td>{yuan(c.claimFen)}</td>
          </tr>
          <tr>
            <th>受理日期</th>
            <td>{c.receivedOn}</td>
            <th>来源</th>
            <td>
              {zh(DISPUTE_SOURCES, c.source)}
              {c.sourceNote ? `（${c.sourceNote}）` : ''}
            </td>
          </tr>
          <tr>
            <th>所处阶段</th>
            <td>{zh(DISPUTE_STATUSES, c.status)}</td>
            <th>调解员</th>
            <td>{c.mediatorName ?? '—'}</td>
          </tr>
          {c.groupTitle && (
            <tr>
              <th>集体争议</th>
              <td colSpan={3}>{c.groupTitle}</td>
            </tr>
          )}
          <tr>
            <th>事实与理由</th>
            <td colSpan={3} className="ty-a4-pre">
              {c.facts}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>一、调解</h2>
      {m ? (
        <p>
          {m.receivedOn} 受理调解{m.mediatorName ? `，调解员 ${m.mediatorName}` : ''}；结果：
          {zh(MEDIATION_STATUSES, m.status)}
          {m.concludedOn ? `（${m.concludedOn}）` : ''}。
          {m.status === 'agreed' &&
            `协议金额 ${yuan(m.agreedFen)}，履行期限 ${m.performBy ?? '—'}，履行情况：${
              m.performed === null ? '待登记' : m.performed ? `已履行（${m.performedOn ?? ''}）` : '未履行'
            }。`}
          {m.failureReason ? `调解不成原因：${m.failureReason}。` : ''}
        </p>
      ) : (
        <p>未经调解。</p>
      )}
      {m?.terms && <p className="ty-a4-terms">协议内容：{m.terms}</p>}

      <h2>二、仲裁</h2>
      {a ? (
        <p>
          {a.appliedOn} 向{a.commission}申请仲裁；{zh(ARBITRATION_STATUSES, a.status)}。
          {a.acceptedOn ? `${a.acceptedOn} 受理，案号 ${a.arbCaseNo ?? '—'}。` : ''}
          {a.refusedOn ? `${a.refusedOn} 不予受理：${a.refusalReason ?? ''}。` : ''}
          {a.hearingOn ? `开庭 ${a.hearingOn}。` : ''}
          {a.awardedOn
            ? `${a.awardedOn} 裁决：${zh(AWARD_RESULTS, a.awardResult)}，金额 ${yuan(a.awardFen)}${a.finalAward ? '（终局裁决）' : ''}。`
            : ''}
        </p>
      ) : (
        <p>未申请仲裁。</p>
      )}

      <h2>三、诉讼</h2>
      {l ? (
        <p>
          {l.filedOn} {zh(LITIGATION_KINDS, l.kind)}，{l.court}
          {l.courtCaseNo ? `，案号 ${l.courtCaseNo}` : ''}。
          {l.judgedOn
            ? `${l.judgedOn} ${zh(JUDGEMENT_RESULTS, l.judgementResult)}，金额 ${yuan(l.judgementFen)}。`
            : '尚未判决。'}
        </p>
      ) : (
        <p>未进入诉讼程序。</p>
      )}

      <h2>四、法律援助</h2>
      {c.legalAids.length ? (
        c.legalAids.map((x) => (
          <p key={x.id}>
            {x.appliedOn}（{zh(DISPUTE_STATUSES, x.stage)}阶段）向{x.provider}申请，{zh(LEGAL_AID_STATUSES, x.status)}
            {x.decidedOn ? `（${x.decidedOn}）` : ''}
            {x.lawyerName ? `，援助律师 ${x.lawyerName}${x.lawFirm ? `（${x.lawFirm}）` : ''}` : ''}
            {x.reason ? `，理由：${x.reason}` : ''}。
          </p>
        ))
      ) : (
        <p>未申请法律援助。</p>
      )}

      <h2>五、法定期限</h2>
      <table className="ty-a4-table ty-a4-grid">
        <thead>
          <tr>
            <th>期限</th>
            <th>起算日</th>
            <th>届满日</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {c.clocks.map((k) => (
            <tr key={k.id}>
              <td>
                {zh(DISPUTE_CLOCKS, k.kind)}
                {k.extendedDays ? `（延长 ${k.extendedDays} 日）` : ''}
              </td>
              <td>{k.startedOn}</td>
              <td>{k.dueOn}</td>
              <td>
                {zh(CLOCK_STATES, k.state)}
                {k.daysLeft !== null ? (k.daysLeft < 0 ? `，超期 ${-k.daysLeft} 日` : `，剩 ${k.daysLeft} 日`) : ''}
                {k.stoppedOn ? `（${k.stoppedOn}）` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.extensions.map((x, i) => (
        <p key={i}>
          延期：{zh(DISPUTE_CLOCKS, x.clock)} +{x.days} 日（{x.dueBefore} → {x.dueAfter}），理由：{x.reason}；
          {x.agreedBy}。
        </p>
      ))}

      <h2>六、结案</h2>
      {c.status === 'closed' ? (
        <p>
          {c.closedOn} 结案，结案方式：{zh(DISPUTE_OUTCOMES, c.outcome)}；实际追回金额 {yuan(c.recoveredFen)}。
        </p>
      ) : (
        <p>尚未结案。</p>
      )}

      <h2>七、办理进程</h2>
      <table className="ty-a4-table ty-a4-grid">
        <tbody>
          {c.timeline.map((e, i) => (
            <tr key={i}>
              <td className="ty-a4-nowrap">{beijing(e.at)}</td>
              <td>
                {e.event in DISPUTE_EVENTS ? DISPUTE_EVENTS[e.event as DisputeEvent]['zh-CN'] : TIMELINE_EXTRA[e.event]}
                {e.note ? `：${e.note}` : ''}
              </td>
              <td className="ty-a4-nowrap">{e.actorName ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ty-a4-foot">
        {c.centreName}
        {'\u3000'}制表日期：{beijing(new Date().toISOString()).slice(0, 10)}
      </div>
    </>
  );
}
