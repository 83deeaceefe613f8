import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RegionView } from '@touyan/schemas';
import { fetchRegionChildren } from './hooks';

export interface RegionTreeNode {
  key: string;
  title: string;
  code: string;
  isLeaf: boolean;
  children?: RegionTreeNode[];
}

const ROOT = '__root__';

/** A lazily loaded region tree: children of a node are fetched when it is first expanded. */
export function useRegionTree() {
  const [children, setChildren] = useState<Record<string, RegionView[]>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (parent: string | null) => {
    const items = await fetchRegionChildren(parent);
    setChildren((prev) => ({ ...prev, [parent ?? ROOT]: items }));
    return items;
  }, []);

  const loadRoots = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      await load(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    void loadRoots();
  }, [loadRoots]);

  /** Reloads the children of the given parents that were loaded before (null = top level). */
  const reload = useCallback(
    async (parents: (string | null)[]) => {
      await Promise.all([...new Set(parents)].map((p) => (p === null || children[p] ? load(p) : Promise.resolve([]))));
    },
    [children, load],
  );

  const treeData = useMemo(() => {
    const build = (parent: string): RegionTreeNode[] =>
      (children[parent] ?? []).map((r) => ({
        key: r.code,
        title: r.name,
        code: r.code,
        isLeaf: !r.hasChildren,
        children: children[r.code] ? build(r.code) : undefined,
      }));
    return build(ROOT);
  }, [children]);

  const byCode = useMemo(() => {
    const m = new Map<string, RegionView>();
    for (const list of Object.values(children)) for (const r of list) m.set(r.code, r);
    return m;
  }, [children]);

  return { treeData, byCode, loading, error, load, reload, retry: loadRoots };
}
