import { describe, expect, it } from 'vitest';
import type { PartyOrgView } from '@touyan/schemas';
import { buildPartyOrgTree, matchingWithAncestors, subtreeIds } from './tree';

const org = (id: string, name: string, parentId: string | null) => ({ id, name, parentId }) as PartyOrgView;
const ORGS = [
  org('city', '丹东市委社会工作部', null),
  org('county', '振兴区委社会工作部', 'city'),
  org('park', '振兴区快递行业党委', 'county'),
  org('branch', '顺丰营业部党支部', 'park'),
  org('other', '元宝区委社会工作部', 'city'),
  org('orphan', '外区党支部', 'not-visible'),
];

describe('the Party organisation tree', () => {
  it('nests each organisation under its parent; one whose parent is out of sight becomes a root', () => {
    const roots = buildPartyOrgTree(ORGS);
    expect(roots.map((r) => r.key)).toEqual(['city', 'orphan']);
    expect(roots[0]!.children.map((c) => c.key)).toEqual(['county', 'other']);
    expect(roots[0]!.children[0]!.children[0]!.children.map((c) => c.key)).toEqual(['branch']);
  });

  it('knows a subtree (so a node cannot be moved under its own descendant)', () => {
    expect([...subtreeIds(ORGS, 'county')].sort()).toEqual(['branch', 'county', 'park']);
    expect([...subtreeIds(ORGS, 'branch')]).toEqual(['branch']);
  });

  it('finds names containing the text and opens their ancestors, ignoring case and spaces around', () => {
    const { hits, open } = matchingWithAncestors(ORGS, ' 党支部 ');
    expect([...hits].sort()).toEqual(['branch', 'orphan']);
    expect([...open].sort()).toEqual(['city', 'county', 'park']);
    expect(matchingWithAncestors(ORGS, '   ').hits.size).toBe(0);
  });
});
