import { Table, Typography } from 'antd';
import type { AuditView, FieldChange, Label } from '@touyan/schemas';
import { useLocale, useT } from '../../i18n';
import { FIELD_DICTS, FIELD_LABELS, typeDict } from './fieldLabels';

/** The changed fields of one audit entry as a before/after table. */
export function AuditChanges({ entry }: { entry: AuditView }) {
  const t = useT();
  const [locale] = useLocale();
  if (entry.changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;

  const show = (field: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">—</Typography.Text>;
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    const dict: Record<string, Label> | undefined = field === 'type' ? typeDict(entry.entityType) : FIELD_DICTS[field];
    if (dict && typeof v === 'string' && dict[v]) return dict[v][locale];
    if (typeof v === 'object') return <code>{JSON.stringify(v)}</code>;
    return String(v);
  };
  const fieldName = (f: string) => {
    if (f === 'type') return entry.entityType === 'party_org' ? t('partyOrgs.type') : t('hostOrgs.type');
    const key = FIELD_LABELS[f];
    return key ? t(key) : f;
  };

  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={entry.changes}
      scroll={{ x: 'max-content' }}
      className="ty-audit-changes"
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 160, render: (f: string) => fieldName(f) },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown, r) => <span className="ty-before">{show(r.field, v)}</span>,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown, r) => <span className="ty-after">{show(r.field, v)}</span>,
        },
      ]}
    />
  );
}
