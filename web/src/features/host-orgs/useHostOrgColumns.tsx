import { Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { HOST_ORG_TYPES, INDUSTRIES, SIZE_CLASSES, type HostOrgListItem } from '@touyan/schemas';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useT } from '../../i18n';
import { CoverageTag } from './CoverageTag';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** Table columns; the actions column only for users who may edit (`onEdit` given). */
export function useHostOrgColumns(onEdit?: (org: HostOrgListItem) => void): ColumnsType<HostOrgListItem> {
  const t = useT();
  const isMobile = useIsMobile();
  const label = useLabel();
  const columns: ColumnsType<HostOrgListItem> = [
    {
      title: t('hostOrgs.name'),
      dataIndex: 'name',
      fixed: isMobile ? undefined : 'left',
      width: isMobile ? 160 : 210,
      render: (name: string, r) => <Link to={`/host-orgs/${r.id}`}>{name}</Link>,
    },
    {
      title: t('hostOrgs.creditCode'),
      dataIndex: 'creditCode',
      width: 180,
      render: (v: string) => <span className="ty-mono">{v}</span>,
    },
    {
      title: t('hostOrgs.type'),
      dataIndex: 'type',
      width: 120,
      render: (v: HostOrgListItem['type']) => label(HOST_ORG_TYPES, v),
    },
    {
      title: t('hostOrgs.industry'),
      dataIndex: 'industry',
      width: 150,
      ellipsis: true,
      render: (v: HostOrgListItem['industry']) => label(INDUSTRIES, v),
    },
    {
      title: t('hostOrgs.sizeClass'),
      dataIndex: 'sizeClass',
      width: 80,
      render: (v: HostOrgListItem['sizeClass']) => label(SIZE_CLASSES, v),
    },
    { title: t('hostOrgs.region'), dataIndex: 'regionName', width: 100 },
    { title: t('hostOrgs.staffCount'), dataIndex: 'staffCount', width: 100, align: 'right' },
    { title: t('hostOrgs.partyMemberCount'), dataIndex: 'partyMemberCount', width: 90, align: 'right' },
    {
      title: t('hostOrgs.coverage'),
      dataIndex: 'coverageStatus',
      width: 110,
      render: (v: HostOrgListItem['coverageStatus']) => <CoverageTag status={v} />,
    },
    {
      title: t('hostOrgs.partyOrg'),
      dataIndex: 'partyOrgName',
      width: 180,
      ellipsis: true,
      render: (v: string | null) => v ?? dash,
    },
    {
      title: t('hostOrgs.instructor'),
      dataIndex: 'instructorName',
      width: 120,
      render: (v: string | null) => v ?? dash,
    },
  ];
  if (!onEdit) return columns;
  return [
    ...columns,
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: isMobile ? undefined : 'right',
      render: (_: unknown, r) =>
        r.abilities.includes('update') ? (
          <Button type="link" size="small" onClick={() => onEdit(r)} aria-label={`${t('common.edit')} ${r.name}`}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];
}
