import { DISPUTE_TYPES, RESPONDENT_KINDS } from '@touyan/schemas/plain';
import { useLabel } from '../../i18n';
import { CasePrintFrame } from './CasePrintFrame';

const yuan = (fen: number | null) => (fen === null ? '—' : `${(fen / 100).toFixed(2)} 元`);
const cn = (date: string | null) =>
  date ? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '　　年　　月　　日';

/**
 * 调解协议书 on A4, from the case's records (print to PDF from the browser): the parties, the
 * dispute, the agreed terms, the amount and the date to perform, signature lines and the centre.
 */
export default function AgreementPage() {
  const label = useLabel();
  return (
    <CasePrintFrame testId="agreement">
      {(c) => {
        const m = c.mediation;
        return (
          <>
            <h1>人民调解协议书</h1>
            <div className="ty-a4-no">编号：{c.caseNo}</div>
            <p>
              <b>申请人：</b>
              {c.workerName}，联系电话 {c.workerMobileMasked}
            </p>
            <p>
              <b>被申请人：</b>
              {c.respondentName}（{label(RESPONDENT_KINDS, c.respondentKind)}）
              {c.respondentCreditCode ? `，统一社会信用代码 ${c.respondentCreditCode}` : ''}
            </p>
            <h2>纠纷事项</h2>
            <p>
              {label(DISPUTE_TYPES, c.type)}纠纷。申请人请求金额 {yuan(c.claimFen)}。{c.facts}
            </p>
            <h2>调解情况</h2>
            <p>
              {c.centreName}于{cn(m?.receivedOn ?? c.receivedOn)}受理调解申请
              {m?.mediatorName ? `，由调解员${m.mediatorName}主持调解` : ''}。经调解，双方自愿达成如下协议：
            </p>
            <h2>协议内容</h2>
            <p className="ty-a4-terms">{m?.terms ?? '（尚未达成调解协议）'}</p>
            <p>
              协议金额：{yuan(m?.agreedFen ?? null)}；履行期限：{cn(m?.performBy ?? null)}前。
            </p>
            <p>
              本协议自双方当事人签字（盖章）之日起生效，双方应当按照约定履行。一方在约定期限内不履行的，另一方可以依法申请仲裁；
              因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成的协议，劳动者可以持本协议书依法向人民法院申请支付令（《中华人民共和国劳动争议调解仲裁法》第十五条、第十六条）。
            </p>
            <p>本协议一式三份，双方当事人各执一份，调解组织留存一份。</p>
            <div className="ty-a4-sign">
              <div>申请人（签字）：</div>
              <div>被申请人（签字、盖章）：</div>
              <div>调解员（签字）：</div>
              <div>
                {c.centreName}（盖章）
                <br />
                {cn(m?.concludedOn ?? null)}
              </div>
            </div>
          </>
        );
      }}
    </CasePrintFrame>
  );
}
