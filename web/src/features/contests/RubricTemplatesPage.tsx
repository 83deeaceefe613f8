import { useState } from 'react';
import { App, Button, Space, Table, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { ArrowLeftOutlined, CopyOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { RubricTemplateView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { ListEmpty } from '../../components/list-kit/ListEmpty';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { useDeleteTemplate, useRubricTemplates } from './hooks';
import { RubricTemplateDrawer, type TemplateSeed } from './RubricTemplateDrawer';
import './contests.css';

interface Editing {
  template: RubricTemplateView | null;
  seed: TemplateSeed | null;
}

/** The rubric templates (评分细则模板) of the user's 社工部, and those above it (reusable, read-only). */
export default function RubricTemplatesPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const list = useRubricTemplates(true);
  const del = useDeleteTemplate();
  /** What the drawer edits; kept while it closes so that its title does not flip. */
  const [editing, setEditingState] = useState<Editing>({ template: null, seed: null });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const setEditing = (e: Editing) => {
    setEditingState(e);
    setDrawerOpen(true);
  };
  const rows = list.data ?? [];

  const confirmDelete = (tp: RubricTemplateView) =>
    modal.confirm({
      title: t('contests.tpl.deleteTitle', { name: tp.name }),
      content: t('contests.tpl.deleteText'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'template-delete-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () =>
        del.mutateAsync(tp.id).then(
          () => void message.success(t('contests.tpl.deleted', { name: tp.name })),
          (e: unknown) => onError(e),
        ),
    });

  return (
    <div>
      <PageHeader
        title={t('contests.tpl.title')}
        sub={t('contests.tpl.sub')}
        extra={
          <Space wrap>
            <Link to="/contests">
              <Button icon={<ArrowLeftOutlined />}>{t('contests.back')}</Button>
            </Link>
            <CreateButton onClick={() => setEditing({ template: null, seed: null })} data-testid="template-create">
              {t('contests.tpl.create')}
            </CreateButton>
          </Space>
        }
      />
      <div className="ty-panel">
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<RubricTemplateView>
            rowKey="id"
            size="middle"
            dataSource={rows}
            loading={list.isPending || list.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': `template-row-${r.name}` }) as object}
            locale={{
              emptyText: <ListEmpty description={t('contests.tpl.empty')} />,
            }}
            columns={[
              {
                title: t('contests.tpl.name'),
                dataIndex: 'name',
                render: (v: string, r) => (
                  <Space size={4} wrap>
                    <Typography.Text strong>{v}</Typography.Text>
                    {!r.abilities.includes('update') && <Tag>{t('contests.tpl.readonly')}</Tag>}
                  </Space>
                ),
              },
              { title: t('contests.tpl.org'), dataIndex: 'orgName', responsive: ['md'] },
              {
                title: t('contests.tpl.criteria'),
                key: 'criteria',
                render: (_, r) => (
                  <div className="ty-ct-tpl-criteria" data-testid="template-criteria">
                    {r.rubric.criteria.map((c) => (
                      <Tooltip key={c.code} title={c.description ?? undefined}>
                        <Tag>
                          {c.name} {c.maxPoints}
                        </Tag>
                      </Tooltip>
                    ))}
                  </div>
                ),
              },
              {
                title: t('contests.tpl.updatedAt'),
                dataIndex: 'updatedAt',
                width: 150,
                responsive: ['lg'],
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                className: 'ty-ct-nowrap',
                render: (_, r) => (
                  <Space size={0} className="ty-ct-nowrap">
                    {r.abilities.includes('update') && (
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ template: r, seed: null })}
                        data-testid="template-edit"
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                    <Button
                      type="link"
                      size="small"
                      icon={<CopyOutlined />}
                      onClick={() =>
                        setEditing({
                          template: null,
                          seed: { name: t('contests.tpl.copyName', { name: r.name }).slice(0, 60), rubric: r.rubric },
                        })
                      }
                      data-testid="template-copy"
                    >
                      {t('contests.tpl.copy')}
                    </Button>
                    {r.abilities.includes('delete') && (
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => confirmDelete(r)}
                        data-testid="template-delete"
                      >
                        {t('common.delete')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </div>
      <RubricTemplateDrawer
        open={drawerOpen}
        template={editing.template}
        seed={editing.seed}
        onClose={() => setDrawerOpen(false)}
        onSaved={(saved, wasNew) =>
          void message.success(t(wasNew ? 'contests.tpl.created' : 'contests.tpl.saved', { name: saved.name }))
        }
      />
    </div>
  );
}
