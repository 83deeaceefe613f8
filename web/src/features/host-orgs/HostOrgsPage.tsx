import { useMemo, useState } from 'react';
import { App, Button, Empty, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { HostOrgView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { HostOrgFiltersBar } from './HostOrgFilters';
import { HostOrgFormDrawer } from './HostOrgFormDrawer';
import { useHostOrgList, type HostOrgFilters } from './hooks';
import { useHostOrgColumns } from './useHostOrgColumns';

const FILTER_KEYS = ['q', 'regionCode', 'type', 'sizeClass', 'coverage', 'park'] as const;

function readFilters(sp: URLSearchParams): HostOrgFilters {
  const f: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) f[k] = v;
  }
  return f as HostOrgFilters;
}

export default function HostOrgsPage({ creating = false }: { creating?: boolean }) {
  const t = useT();
  const can = usePermissions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const list = useHostOrgList(filters);
  const [editing, setEditing] = useState<HostOrgView | null>(null);
  const columns = useHostOrgColumns(can('hostOrg.write') ? setEditing : undefined);

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const listPath = `/host-orgs${params.size ? `?${params.toString()}` : ''}`;

  const setFilters = (f: HostOrgFilters) => {
    const sp = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) sp.set(k, String(f[k]));
    setParams(sp, { replace: true });
  };

  return (
    <div>
      <PageHeader
        title={t('hostOrgs.title')}
        sub={t('hostOrgs.sub')}
        extra={
          can('hostOrg.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/host-orgs/new${params.size ? `?${params}` : ''}`)}
            >
              {t('hostOrgs.create')}
            </Button>
          )
        }
      />
      <div className="ty-panel">
        <HostOrgFiltersBar value={filters} onChange={setFilters} />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<HostOrgView>
              className="ty-host-org-table"
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('common.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
            <div className="ty-list-footer">
              <span data-testid="host-org-total">
                {total !== undefined ? `${t('common.total', { n: total })}，` : ''}
                {t('common.shown', { n: rows.length })}
              </span>
              {list.hasNextPage ? (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              ) : (
                rows.length > 0 && <span>{t('common.noMore')}</span>
              )}
            </div>
          </>
        )}
      </div>
      <HostOrgFormDrawer
        open={creating || !!editing}
        org={editing}
        onClose={() => {
          setEditing(null);
          if (creating) navigate(listPath, { replace: true });
        }}
        onSaved={(saved, wasNew) => {
          if (wasNew) message.success(t('hostOrgs.created', { name: saved.name }));
          else message.success(t('common.saved'));
        }}
      />
    </div>
  );
}
