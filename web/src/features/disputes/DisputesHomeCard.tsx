import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { HOME_DISPUTE_STAGES, type DisputeHomeFigures } from '@touyan/schemas';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import { accent } from '../home/parts';
import { StatusTag, yuan } from './display';
import './disputes-admin.css';

/**
 * 调裁诉援 on the staff home: each figure is the total of the list it opens (/disputes?…), counted by
 * the server at the centres the caller reaches.
 */
export function DisputesHomeCard({ figures: f }: { figures: DisputeHomeFigures }) {
  const t = useT();
  const rate = f.mediationSuccessRate === null ? '—' : `${Math.round(f.mediationSuccessRate * 1000) / 10}%`;
  const tiles: { key: string; value: string | number; to: string; unit?: MessageKey; hint?: string; tone?: string }[] =
    [
      { key: 'received', value: f.received, to: '/disputes', unit: 'home.disputes.unitCases' },
      { key: 'open', value: f.open, to: '/disputes?open=1', unit: 'home.disputes.unitCases' },
      { key: 'closed', value: f.closed, to: '/disputes?status=closed', unit: 'home.disputes.unitCases' },
      {
        key: 'overdue',
        value: f.overdue,
        to: '/disputes?clock=overdue',
        unit: 'home.disputes.unitCases',
        tone: f.overdue ? 'is-late' : undefined,
      },
      {
        key: 'mediationRate',
        value: rate,
        to: '/disputes?mediated=1',
        hint: t('home.disputes.mediationRateHint', { agreed: f.mediationsAgreed, concluded: f.mediationsConcluded }),
      },
      { key: 'recovered', value: yuan(f.recoveredFen), to: '/disputes?status=closed' },
      { key: 'legalAid', value: f.withLegalAid, to: '/disputes?legalAid=1', unit: 'home.disputes.unitCases' },
      {
        key: 'consultations',
        value: f.consultations,
        to: '/disputes/consultations',
        unit: 'home.disputes.unitTimes',
      },
    ];
  return (
    <Card
      size="small"
      variant="borderless"
      title={accent(t('home.disputes'))}
      data-testid="staff-disputes"
      style={{ marginTop: 16 }}
    >
      <div className="ty-home-status-grid">
        {tiles.map((x) => (
          <Link key={x.key} to={x.to} className="ty-home-status" data-testid={`disputes-${x.key}`} title={x.hint}>
            <span>{t(`home.disputes.${x.key}` as MessageKey)}</span>
            <span className={`ty-home-status-n ${x.tone ?? ''}`}>
              {x.value}
              {x.unit && (
                <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 2 }}>
                  {t(x.unit)}
                </Typography.Text>
              )}
            </span>
          </Link>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        {t('home.disputes.byStage')}
      </Typography.Text>
      <div className="ty-dsp-stage-row">
        {HOME_DISPUTE_STAGES.map((s) => (
          <Link key={s} to={`/disputes?status=${s}`} data-testid={`disputes-stage-${s}`}>
            <StatusTag status={s} />
            <b>{f.byStage[s]}</b>
          </Link>
        ))}
      </div>
    </Card>
  );
}
