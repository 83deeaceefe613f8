import type { PartyOrgView } from '@touyan/schemas';

export interface PartyOrgNode {
  key: string;
  org: PartyOrgView;
  children: PartyOrgNode[];
}

/** Builds the tree from the flat list; nodes whose parent is not visible become roots. */
export function buildPartyOrgTree(items: readonly PartyOrgView[]): PartyOrgNode[] {
  const nodes = new Map<string, PartyOrgNode>();
  for (const org of items) nodes.set(org.id, { key: org.id, org, children: [] });
  const roots: PartyOrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of a node and all its descendants. */
export function subtreeIds(items: readonly PartyOrgView[], rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of items) {
      if (o.parentId && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Ids of the ancestors of the nodes whose name contains the text (to expand them). */
export function matchingWithAncestors(
  items: readonly PartyOrgView[],
  text: string,
): { hits: Set<string>; open: Set<string> } {
  const byId = new Map(items.map((o) => [o.id, o]));
  const hits = new Set<string>();
  const open = new Set<string>();
  const s = text.trim().toLowerCase();
  if (!s) return { hits, open };
  for (const o of items) {
    if (!o.name.toLowerCase().includes(s)) continue;
    hits.add(o.id);
    let p = o.parentId ? byId.get(o.parentId) : undefined;
    while (p && !open.has(p.id)) {
      open.add(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
  }
  return { hits, open };
}
