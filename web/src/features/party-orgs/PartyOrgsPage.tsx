import { useEffect, useMemo, useState, type Key } from 'react';
import { Empty, Input, Spin, Tag, Tree } from 'antd';
import { PARTY_ORG_TYPES } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLabel, useT } from '../../i18n';
import { usePartyOrgTree } from './hooks';
import { PartyOrgDetail } from './PartyOrgDetail';
import { buildPartyOrgTree, matchingWithAncestors, type PartyOrgNode } from './tree';

export default function PartyOrgsPage() {
  const t = useT();
  const label = useLabel();
  const { data, isPending, error, refetch } = usePartyOrgTree();
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [filter, setFilter] = useState('');
  const items = useMemo(() => data ?? [], [data]);
  const tree = useMemo(() => buildPartyOrgTree(items), [items]);
  const match = useMemo(() => matchingWithAncestors(items, filter), [items, filter]);

  // Open the first two levels when the tree first arrives.
  useEffect(() => {
    if (!items.length) return;
    const minDepth = Math.min(...items.map((o) => o.depth));
    const top = items.filter((o) => o.depth <= minDepth + 1 && o.childCount > 0).map((o) => o.id);
    setExpanded((prev) => (prev.length ? prev : top));
  }, [items]);
  useEffect(() => {
    if (match.open.size) setExpanded((prev) => [...new Set([...prev, ...match.open])]);
  }, [match]);
  // A deleted or moved-away node is no longer selectable.
  useEffect(() => {
    if (selected && data && !data.some((o) => o.id === selected)) setSelected(null);
  }, [data, selected]);

  return (
    <div>
      <PageHeader title={t('partyOrgs.title')} sub={t('partyOrgs.sub')} />
      <div className="ty-split">
        <div className="ty-panel">
          <Input.Search
            allowClear
            placeholder={t('partyOrgs.filter')}
            aria-label={t('partyOrgs.filter')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 12 }}
          />
          {isPending ? (
            <Spin className="ty-page-spin" />
          ) : error ? (
            <ErrorState error={error} onRetry={() => void refetch()} />
          ) : tree.length === 0 ? (
            <Empty description={t('common.empty')} />
          ) : (
            <div className="ty-tree-scroll">
              <Tree<PartyOrgNode>
                blockNode
                treeData={tree}
                expandedKeys={expanded}
                onExpand={setExpanded}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                titleRender={(n) => (
                  <span className={match.hits.has(n.org.id) ? 'ty-tree-title ty-tree-hit' : 'ty-tree-title'}>
                    {n.org.name}
                    <Tag bordered={false} className="ty-type-tag">
                      {label(PARTY_ORG_TYPES, n.org.type)}
                    </Tag>
                  </span>
                )}
              />
            </div>
          )}
        </div>
        <div className="ty-panel">
          {selected ? (
            <PartyOrgDetail id={selected} all={items} onSelect={setSelected} />
          ) : (
            <Empty description={t('partyOrgs.pick')} />
          )}
        </div>
      </div>
    </div>
  );
}
