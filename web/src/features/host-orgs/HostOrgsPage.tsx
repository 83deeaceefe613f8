import { useMemo, useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { HostOrgListItem, HostOrgView } from '@touyan/schemas';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { HostOrgFiltersBar } from './HostOrgFilters';
import { HostOrgFormDrawer } from './HostOrgFormDrawer';
import { ImportDrawer } from './ImportDrawer';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useHostOrgList, useLoadHostOrg, type HostOrgFilters } from './hooks';
import { useHostOrgColumns } from './useHostOrgColumns';

const FILTER_KEYS = [
  'q',
  'regionCode',
  'type',
  'sizeClass',
  'coverage',
  'park',
  // From the coverage rates' links (issue 11).
  'industry',
  'orgCoverageKind',
  'threeHas',
  'regionExact',
  'parkNone',
] as const;

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
  const onError = useApiErrorHandler();
  const loadHostOrg = useLoadHostOrg();
  // The list's rows carry the table's columns; the form edits the whole record, loaded on 编辑 (and
  // kept as loaded while the form is open).
  const [editing, setEditing] = useState<HostOrgView | null>(null);
  const [importing, setImporting] = useState(false);
  const columns = useHostOrgColumns(
    can('hostOrg.write') ? (r) => void loadHostOrg(r.id).then(setEditing, (e: unknown) => onError(e)) : undefined,
  );

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
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              href="/api/host-orgs/export-ledger"
              download
              data-testid="host-org-export"
            >
              {t('hostOrgs.import.export')}
            </Button>
            {can('hostOrg.write') && (
              <>
                <Button href="/api/host-orgs/import-template" download>
                  {t('hostOrgs.import.template')}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="host-org-import">
                  {t('hostOrgs.import.open')}
                </Button>
                <CreateButton onClick={() => navigate(`/host-orgs/new${params.size ? `?${params}` : ''}`)}>
                  {t('hostOrgs.create')}
                </CreateButton>
              </>
            )}
          </Space>
        }
      />
      <div className="ty-panel">
        <HostOrgFiltersBar value={filters} onChange={setFilters} />
        <InfiniteTable<HostOrgListItem>
          className="ty-host-org-table"
          query={list}
          columns={columns}
          footer={{ total: true, countTestId: 'host-org-total', noMore: true }}
        />
      </div>
      <ImportDrawer open={importing} onClose={() => setImporting(false)} />
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
