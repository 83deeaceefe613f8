import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { PartyOrgView } from '@touyan/schemas';
import { useT } from '../../i18n';
import { usePartyOrgTree } from './hooks';

interface Option {
  value: string;
  title: string;
  disabled?: boolean;
  children: Option[];
}

/** Chooses a Party organisation from the visible tree. */
export function PartyOrgTreeSelect({
  value,
  onChange,
  id,
  placeholder,
  disabledIds,
  isSelectable,
  allowClear = true,
  style,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  placeholder?: string;
  disabledIds?: Set<string>;
  isSelectable?: (org: PartyOrgView) => boolean;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const t = useT();
  const { data, isPending } = usePartyOrgTree();
  const treeData = useMemo(() => {
    const items = data ?? [];
    const nodes = new Map<string, Option>();
    for (const o of items) {
      const disabled = disabledIds?.has(o.id) || (isSelectable ? !isSelectable(o) : false);
      nodes.set(o.id, { value: o.id, title: o.name, disabled, children: [] });
    }
    const roots: Option[] = [];
    for (const o of items) {
      const n = nodes.get(o.id)!;
      const parent = o.parentId ? nodes.get(o.parentId) : undefined;
      if (parent) parent.children.push(n);
      else roots.push(n);
    }
    return roots;
  }, [data, disabledIds, isSelectable]);

  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={isPending}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      treeDefaultExpandAll={(data?.length ?? 0) < 60}
      placeholder={placeholder ?? t('partyOrg.placeholder')}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 180, ...style }}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 260 } } }}
    />
  );
}
