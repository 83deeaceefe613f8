import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { RegionView } from '@touyan/schemas';
import { fetchRegion, fetchRegionChildren, searchRegions } from '../features/regions/hooks';
import { useT } from '../i18n';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (r: RegionView, title = r.name): Node => ({
  id: r.code,
  pId: r.parentCode,
  value: r.code,
  title,
  isLeaf: !r.hasChildren,
});

function merge(nodes: Node[], add: Node[]): Node[] {
  const ids = new Set(add.map((n) => n.id));
  return [...nodes.filter((n) => !ids.has(n.id)), ...add];
}

/**
 * A region chooser: levels load as they are opened (provinces → cities → counties → towns), and
 * typing searches every level on the server (by name, or a 6-digit code). Its search box is named by
 * `aria-label`, else by a `placeholder` given (a filter bar shows no label); inside a Form.Item, leave
 * both out and the item's label names it through `id`.
 */
export function RegionPicker({
  value,
  onChange,
  placeholder,
  id,
  allowClear = true,
  style,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  id?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  const t = useT();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [loading, setLoading] = useState(true);
  const loaded = useRef(new Set<string>());
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Node[] | null>(null);

  useEffect(() => {
    let live = true;
    fetchRegionChildren(null)
      .then(
        (items) =>
          live &&
          setNodes((prev) =>
            merge(
              prev,
              items.map((r) => toNode(r)),
            ),
          ),
      )
      .catch(() => undefined)
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  // A value whose node is not loaded yet: fetch it so its full name shows instead of the code.
  useEffect(() => {
    if (!value || nodes.some((n) => n.id === value)) return;
    let live = true;
    fetchRegion(value)
      .then(
        (r) =>
          live && setNodes((prev) => (prev.some((n) => n.id === r.code) ? prev : [...prev, toNode(r, r.fullName)])),
      )
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, nodes]);

  // Server search while typing (debounced); the results replace the tree until the text is cleared.
  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setFound(null);
      return;
    }
    let live = true;
    const h = setTimeout(() => {
      searchRegions(q)
        .then((items) => live && setFound(items.map((r) => ({ ...toNode(r, r.fullName), pId: null, isLeaf: true }))))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [search]);

  const loadData = async (node: { id?: string; value?: string | number }) => {
    const code = String(node.id ?? node.value);
    if (found || loaded.current.has(code)) return;
    loaded.current.add(code);
    try {
      const items = await fetchRegionChildren(code);
      setNodes((prev) =>
        merge(
          prev,
          items.map((r) => toNode(r)),
        ),
      );
    } catch {
      loaded.current.delete(code);
    }
  };

  // Keep the chosen node in the list while searching so its label still shows.
  const selected = value ? nodes.find((n) => n.id === value) : undefined;
  const data = found ? merge(selected ? [{ ...selected, pId: null }] : [], found) : nodes;

  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => {
        const picked = found?.find((n) => n.id === v);
        if (picked) setNodes((prev) => (prev.some((n) => n.id === picked.id) ? prev : [...prev, picked]));
        onChange?.(v ?? null);
        setSearch('');
      }}
      treeDataSimpleMode
      treeData={data}
      loadData={loadData}
      loading={loading}
      allowClear={allowClear}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      filterTreeNode={false}
      notFoundContent={found ? t('regions.noResults') : undefined}
      placeholder={placeholder ?? t('region.placeholder')}
      aria-label={ariaLabel ?? placeholder}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 160, ...style }}
      styles={{ popup: { root: { maxHeight: 400, minWidth: 240 } } }}
    />
  );
}
