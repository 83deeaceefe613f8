import { useState } from 'react';
import { App, Button, Empty, InputNumber, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { ASSESSMENT_STATUSES, type AssessmentSchemeView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { SchemeDrawer } from './SchemeDrawer';
import { useSchemeList } from './hooks';

/** The annual assessment schemes the user reaches; staff create them here. */
export default function AssessmentsPage() {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useSchemeList(year);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

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
      render: (_: unknown, s) => (
        <Tag color={s.status === 'published' ? 'green' : 'default'}>{label(ASSESSMENT_STATUSES, s.status)}</Tag>
      ),
    },
    { title: t('assessments.sheetCount'), dataIndex: 'sheetCount', width: 100 },
  ];

  return (
    <div>
      <PageHeader
        title={t('assessments.title')}
        sub={t('assessments.sub')}
        extra={
          can('assessment.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('assessments.create')}
            </Button>
          )
        }
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
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<AssessmentSchemeView>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Empty description={t('assessments.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
              }}
            />
            <div className="ty-list-footer">
              <span>{t('common.shown', { n: rows.length })}</span>
              {list.hasNextPage && (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              )}
            </div>
          </>
        )}
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
