import { Button, Card, Space, Tooltip, Typography } from 'antd';
import { EditOutlined, FileExcelOutlined, TrophyOutlined } from '@ant-design/icons';
import { ASSESSMENT_FULL_MARK, type AssessmentSchemeView, type AssessmentSheetView } from '@touyan/schemas';
import { formatDateTime } from '../../components/time';
import { useT } from '../../i18n';
import { fmtPoints, GradeTag, useSourceText } from './display';

/**
 * One organisation's sheet as a card (a secretary's own sheet, and every sheet on a phone): each
 * item with its points out of its maximum, the 书记项目 source, the total and grade, the export.
 */
export function SheetCard({
  scheme,
  sheet,
  onEnter,
}: {
  scheme: AssessmentSchemeView;
  sheet: AssessmentSheetView;
  onEnter?: () => void;
}) {
  const t = useT();
  const sourceText = useSourceText();
  return (
    <Card
      size="small"
      className="ty-as-card"
      data-testid={`sheet-card-${sheet.partyOrgId}`}
      title={<span className="ty-as-card-title">{sheet.partyOrgName}</span>}
      extra={<GradeTag grade={sheet.grade} />}
    >
      <div className="ty-as-total" data-testid="sheet-total">
        <span className="ty-as-total-label">{t('assessments.total')}</span>
        <strong className={sheet.complete ? undefined : 'ty-as-muted'}>{fmtPoints(sheet.total)}</strong>
        <span className="ty-as-muted">/ {ASSESSMENT_FULL_MARK}</span>
      </div>
      <dl className="ty-as-items">
        {scheme.items.map((it) => (
          <div key={it.code} className="ty-as-item" data-testid={`sheet-item-${it.code}`}>
            <dt>
              {it.name}
              {it.source === 'contest' && (
                <Tooltip title={t('assessments.fromContest')}>
                  <TrophyOutlined className="ty-as-contest-icon" aria-label={t('assessments.fromContest')} />
                </Tooltip>
              )}
            </dt>
            <dd>
              <strong>{fmtPoints(sheet.values[it.code])}</strong>
              <span className="ty-as-muted"> / {it.maxPoints}</span>
            </dd>
            {it.source === 'contest' && (
              <Typography.Text type="secondary" className="ty-as-source">
                {sourceText(sheet.contestSource)}
              </Typography.Text>
            )}
          </div>
        ))}
      </dl>
      {!sheet.complete && (
        <Typography.Paragraph type="warning" className="ty-as-note">
          {t('assessments.incompleteHint')}
        </Typography.Paragraph>
      )}
      <Space wrap className="ty-as-actions">
        {onEnter && sheet.abilities.includes('update') && (
          <Button icon={<EditOutlined />} onClick={onEnter} data-testid="sheet-enter">
            {t('assessments.enter')}
          </Button>
        )}
        {sheet.abilities.includes('export') && (
          <Button
            icon={<FileExcelOutlined />}
            href={`/api/assessment-sheets/${sheet.id}/export.xlsx`}
            data-testid="sheet-export"
          >
            {t('assessments.exportSheetFull')}
          </Button>
        )}
      </Space>
      {sheet.updatedByName && (
        <Typography.Text type="secondary" className="ty-as-updated">
          {t('assessments.updated', { who: sheet.updatedByName, at: formatDateTime(sheet.updatedAt) })}
        </Typography.Text>
      )}
    </Card>
  );
}
