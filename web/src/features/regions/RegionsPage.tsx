import { useState, type Key } from 'react';
import { Empty, Input, List, Spin, Tree, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/ErrorState';
import { useT } from '../../i18n';
import { useRegionSearch } from './hooks';
import { RegionDetail } from './RegionDetail';
import { useRegionTree, type RegionTreeNode } from './useRegionTree';

export default function RegionsPage() {
  const t = useT();
  const tree = useRegionTree();
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [q, setQ] = useState('');
  const search = useRegionSearch(q);

  return (
    <div>
      <PageHeader title={t('regions.title')} sub={t('regions.sub')} />
      <div className="ty-split">
        <div className="ty-panel">
          <Input.Search
            allowClear
            placeholder={t('regions.search')}
            aria-label={t('regions.search')}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ marginBottom: 12 }}
          />
          {q ? (
            <List
              header={<Typography.Text type="secondary">{t('regions.searchResults')}</Typography.Text>}
              loading={search.isFetching}
              dataSource={search.data ?? []}
              locale={{
                emptyText: <Empty description={t('regions.noResults')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
              }}
              renderItem={(r) => (
                <List.Item
                  onClick={() => setSelected(r.code)}
                  className={r.code === selected ? 'ty-list-item ty-list-item-active' : 'ty-list-item'}
                >
                  <span>{r.fullName}</span>
                  <Typography.Text type="secondary">{r.code}</Typography.Text>
                </List.Item>
              )}
            />
          ) : tree.error ? (
            <ErrorState error={tree.error} onRetry={() => void tree.retry()} />
          ) : tree.loading ? (
            <Spin className="ty-page-spin" />
          ) : tree.treeData.length === 0 ? (
            <Empty description={t('common.empty')} />
          ) : (
            <div className="ty-tree-scroll">
              <Tree<RegionTreeNode>
                blockNode
                treeData={tree.treeData}
                expandedKeys={expanded}
                onExpand={setExpanded}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                loadData={async (node) => {
                  if (!node.children) await tree.load(node.code);
                }}
                titleRender={(n) => (
                  <span className="ty-tree-title">
                    {n.title}
                    <span className="ty-tree-code">{n.code}</span>
                  </span>
                )}
              />
            </div>
          )}
        </div>
        <div className="ty-panel">
          {selected ? (
            <RegionDetail code={selected} onChanged={(parents) => void tree.reload(parents)} onSelect={setSelected} />
          ) : (
            <Empty description={t('regions.pick')} />
          )}
        </div>
      </div>
    </div>
  );
}
