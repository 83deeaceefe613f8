import { useState } from 'react';
import { App, InputNumber, List, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { ASSESSMENT_STATUSES, type AssessmentSchemeView } from '@touyan/schemas';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { SchemeDrawer } from './SchemeDrawer';
import { useSchemeList } from './hooks';
import './assessments.css';

/**
 * The annual assessment schemes the user reaches; staff create them here. A secretary sees the
 * published schemes covering their organisation (on a phone as a plain list).
 */
export default function AssessmentsPage() {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const manager = can('assessment.manage');
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useSchemeList(year);

  const columns: ColumnsType<AssessmentSchemeView> = [
    {
      title: t('assessments.name'),
      dataIndex: 'name',
      render: (name: string, s) => <Link to={`/assessments/${s.id}`}>{name}</Link>,
    },
    { title: t('assessments.year'), dataIndex: 'year', width: 80 },
    { title: t('assessments.org'), dataIndex: 'orgName', width: 220 },
    {
      title: t('assessments.status'),
      dataIndex: 'status',
      width: 100,
      render: (_: unknown, s) => statusTag(s),
    },
    // The count covers every organisation's sheet: only for those who manage the scheme.
    ...(manager
      ? [{ title: t('assessments.sheetCount'), dataIndex: 'sheetCount', width: 100, align: 'right' as const }]
      : []),
  ];
  const statusTag = (s: AssessmentSchemeView) => (
    <Tag color={s.status === 'published' ? 'green' : 'default'}>{label(ASSESSMENT_STATUSES, s.status)}</Tag>
  );

  return (
    <div>
      <PageHeader
        title={t('assessments.title')}
        sub={manager ? t('assessments.sub') : t('assessments.subOwn')}
        extra={manager && <CreateButton onClick={() => setCreating(true)}>{t('assessments.create')}</CreateButton>}
      />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <InputNumber
            aria-label={t('assessments.year')}
            placeholder={t('assessments.year')}
            min={2000}
            max={2100}
            precision={0}
            value={year ?? null}
            onChange={(v) => setYear(v ?? undefined)}
            style={{ width: 120 }}
          />
        </div>
        <InfiniteTable<AssessmentSchemeView>
          query={list}
          columns={columns}
          empty={manager ? t('assessments.empty') : t('assessments.emptyOwn')}
          renderList={
            isMobile
              ? (rows, { empty }) => (
                  <List<AssessmentSchemeView>
                    className="ty-as-scheme-list"
                    loading={list.isPending}
                    dataSource={rows}
                    locale={{ emptyText: empty }}
                    renderItem={(s) => (
                      <List.Item key={s.id} extra={statusTag(s)} onClick={() => navigate(`/assessments/${s.id}`)}>
                        <List.Item.Meta
                          title={<Link to={`/assessments/${s.id}`}>{s.name}</Link>}
                          description={<Typography.Text type="secondary">{`${s.year} · ${s.orgName}`}</Typography.Text>}
                        />
                      </List.Item>
                    )}
                  />
                )
              : undefined
          }
        />
      </div>
      <SchemeDrawer
        open={creating}
        scheme={null}
        onClose={() => setCreating(false)}
        onSaved={(s) => {
          message.success(t('common.saved'));
          navigate(`/assessments/${s.id}`);
        }}
      />
    </div>
  );
}
