import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { TARGET_GROUPS, type DeclarationContent } from '@touyan/schemas';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useLocale, useT } from '../../i18n';
import { formatNumber, formatYuan } from './display';
import { useFigures } from './hooks';

const none = <Typography.Text type="secondary">—</Typography.Text>;

export function TextBlock({ text }: { text: string | null | undefined }) {
  return text ? <div className="ty-prewrap">{text}</div> : none;
}

/** "驿站 0 → 85 个" */
export function IndicatorRange({ baseline, target, unit }: { baseline: number; target: number; unit: string }) {
  const [locale] = useLocale();
  return (
    <span className="ty-indicator-value">
      {formatNumber(baseline, locale)}
      <span className="ty-indicator-arrow">→</span>
      <strong>{formatNumber(target, locale)}</strong> {unit}
    </span>
  );
}

/** Download link of a stored attachment. */
export const attachmentHref = (id: string) => `/api/attachments/${id}`;

/**
 * One version of the 申报书, laid out for reading: used by the overview tab and by each version's
 * expanded row. `themeName` turns a theme code into the campaign's name for it.
 */
export function DeclarationContentView({
  content,
  themeName,
  challengeTitle,
}: {
  content: DeclarationContent;
  themeName: (code: string) => string;
  challengeTitle?: string | null;
}) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const isMobile = useIsMobile();
  const col = isMobile ? 1 : 2;
  const section = (key: Parameters<typeof t>[0]) => <span className="ty-accent-title">{t(key)}</span>;
  const figures = useFigures();
  const figureLabel = (key: string) => figures.data?.find((f) => f.key === key)?.label[locale] ?? key;

  return (
    <div data-testid="declaration-content">
      <Card title={section('projects.section.basic')} variant="borderless" size="small" className="ty-content-section">
        <Descriptions column={col} size="small">
          <Descriptions.Item label={t('projects.field.title')} span={col}>
            {content.title || none}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.field.theme')}>
            {content.theme ? themeName(content.theme) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.field.targetGroup')}>
            {content.targetGroup ? label(TARGET_GROUPS, content.targetGroup) : none}
          </Descriptions.Item>
          {content.challengeId && (
            <Descriptions.Item label={t('projects.field.challenge')} span={col}>
              {challengeTitle ?? t('projects.challengeLinked')}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('projects.field.problem')} span={col}>
            <TextBlock text={content.problem} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={section('projects.section.reach')} variant="borderless" size="small" className="ty-content-section">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('projects.field.reach')}>
            {content.reachCount !== null ? (
              <strong>
                {formatNumber(content.reachCount, locale)} {content.reachUnit}
              </strong>
            ) : (
              none
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.field.reachRationale')}>
            <TextBlock text={content.reachRationale} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={section('projects.section.goals')} variant="borderless" size="small" className="ty-content-section">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('projects.field.objectives')}>
            <TextBlock text={content.objectives} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.field.measures')}>
            <TextBlock text={content.measures} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={section('projects.section.milestones')}
        variant="borderless"
        size="small"
        className="ty-content-section"
      >
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={content.milestones}
          locale={{ emptyText: t('projects.noMilestones') }}
          columns={[
            { title: '#', width: 48, render: (_v, _r, i) => i + 1 },
            { title: t('projects.field.milestoneName'), dataIndex: 'name' },
            { title: t('projects.field.milestoneDue'), dataIndex: 'dueDate', width: 130 },
          ]}
        />
      </Card>
      <Card
        title={section('projects.section.indicators')}
        variant="borderless"
        size="small"
        className="ty-content-section"
      >
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={content.indicators}
          locale={{ emptyText: t('projects.noIndicators') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('projects.field.indicatorName'), dataIndex: 'name' },
            {
              title: t('projects.field.indicatorRange'),
              render: (_v, r) => <IndicatorRange baseline={r.baseline} target={r.target} unit={r.unit} />,
            },
            {
              title: t('projects.field.indicatorSource'),
              render: (_v, r) =>
                r.figure ? (
                  <Tag color="blue" title={figureLabel(r.figure)}>
                    {t('projects.boundTag')}：{figureLabel(r.figure)}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">{t('projects.figureManual')}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card title={section('projects.section.team')} variant="borderless" size="small" className="ty-content-section">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('projects.field.team')}>
            {content.team.length ? (
              <Space size={[8, 4]} wrap>
                {content.team.map((m, i) => (
                  <span key={i}>{m.role ? t('projects.withNote', { name: m.name, note: m.role }) : m.name}</span>
                ))}
              </Space>
            ) : (
              none
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.field.partners')}>
            {content.partners.length ? (
              <Space size={[4, 4]} wrap>
                {content.partners.map((p) => (
                  <Tag key={p} style={{ marginInlineEnd: 0 }}>
                    {p}
                  </Tag>
                ))}
              </Space>
            ) : (
              none
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={section('projects.section.funding')}
        variant="borderless"
        size="small"
        className="ty-content-section"
      >
        <Descriptions column={col} size="small">
          <Descriptions.Item label={t('projects.field.funding')}>
            {content.fundingFen !== null ? formatYuan(content.fundingFen, locale) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.field.fundingSource')}>
            {content.fundingSource || none}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={section('projects.section.attachments')}
        variant="borderless"
        size="small"
        className="ty-content-section"
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('projects.field.attachments')}>
            {content.attachmentIds.length ? (
              <Space direction="vertical" size={2}>
                {content.attachmentIds.map((id, i) => (
                  <a key={id} href={attachmentHref(id)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {t('projects.attachmentN', { n: i + 1 })}
                  </a>
                ))}
              </Space>
            ) : (
              none
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
