import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Empty, Spin, Table, Typography } from 'antd';
import type { DeclarationVersionView, ProjectView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useT } from '../../i18n';
import { DeclarationContentView } from './DeclarationContentView';
import { DecisionTag } from './display';
import { useProjectVersions, useVersionCompare } from './hooks';
import { VersionDiff } from './VersionDiff';

/** Every submitted version of the 申报书; tick any two to compare them field by field. */
export function ProjectVersionsTab({
  project,
  themeName,
}: {
  project: ProjectView;
  themeName: (code: string) => string;
}) {
  const t = useT();
  const versions = useProjectVersions(project.id);
  const [picked, setPicked] = useState<number[] | null>(null);
  const items = versions.data ?? [];

  // By default the two latest versions are compared.
  useEffect(() => {
    if (picked === null && versions.data && versions.data.length >= 2) {
      const nos = versions.data.map((v) => v.versionNo).sort((x, y) => y - x);
      setPicked([nos[1]!, nos[0]!]);
    }
  }, [versions.data, picked]);

  const sel = [...(picked ?? [])].sort((x, y) => x - y);
  const a = sel.length === 2 ? sel[0]! : null;
  const b = sel.length === 2 ? sel[1]! : null;
  const compare = useVersionCompare(project.id, a, b);

  if (versions.isPending) return <Spin className="ty-page-spin" />;
  if (versions.error) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  if (items.length === 0) {
    return <Empty description={t('projects.versions.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }

  return (
    <div data-testid="project-versions">
      <Typography.Paragraph type="secondary">
        {items.length >= 2 ? t('projects.versions.pickTwo') : t('projects.versions.onlyOne')}
      </Typography.Paragraph>
      <Table<DeclarationVersionView>
        rowKey="versionNo"
        size="small"
        pagination={false}
        dataSource={[...items].sort((x, y) => y.versionNo - x.versionNo)}
        scroll={{ x: 'max-content' }}
        onRow={(v) => ({ 'data-testid': `version-row-${v.versionNo}` }) as HTMLAttributes<HTMLElement>}
        rowSelection={
          items.length >= 2
            ? {
                selectedRowKeys: picked ?? [],
                hideSelectAll: true,
                onChange: (keys) => setPicked((keys as number[]).slice(-2)),
                getCheckboxProps: (v) => ({
                  disabled: (picked?.length ?? 0) >= 2 && !picked?.includes(v.versionNo),
                  'aria-label': t('projects.diff.version', { n: v.versionNo }),
                }),
              }
            : undefined
        }
        expandable={{
          expandedRowRender: (v) => (
            <DeclarationContentView content={v.content} themeName={themeName} challengeTitle={project.challengeTitle} />
          ),
        }}
        columns={[
          {
            title: t('projects.versions.no'),
            dataIndex: 'versionNo',
            width: 90,
            render: (n: number) => <strong>{t('projects.versionNo', { n })}</strong>,
          },
          {
            title: t('projects.versions.submittedAt'),
            dataIndex: 'submittedAt',
            width: 150,
            render: (v: string) => formatDateTime(v),
          },
          { title: t('projects.versions.submittedBy'), dataIndex: 'submittedByName', width: 100 },
          {
            title: t('projects.versions.decision'),
            dataIndex: 'decision',
            width: 130,
            render: (d: DeclarationVersionView['decision']) =>
              d ? (
                <DecisionTag decision={d} />
              ) : (
                <Typography.Text type="secondary">{t('projects.versions.undecided')}</Typography.Text>
              ),
          },
          {
            title: t('projects.versions.note'),
            dataIndex: 'decisionNote',
            render: (n: string | null) =>
              n ? (
                <div className="ty-prewrap" style={{ maxWidth: 420 }}>
                  {n}
                </div>
              ) : null,
          },
        ]}
      />
      {a !== null && b !== null && (
        <div style={{ marginTop: 20 }}>
          <Typography.Title level={5} className="ty-accent-title">
            {t('projects.diff.title', { a, b })}
          </Typography.Title>
          {compare.isPending ? (
            <Spin className="ty-page-spin" />
          ) : compare.error ? (
            <ErrorState error={compare.error} onRetry={() => void compare.refetch()} />
          ) : (
            <>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('projects.diff.legend', { n: compare.data.changes.length })}
              />
              <VersionDiff
                a={a}
                b={b}
                changes={compare.data.changes}
                themeName={themeName}
                challengeTitle={project.challengeTitle}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
