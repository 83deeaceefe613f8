import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import {
  mayCreateRoot,
  partyOrgPolicy,
  partyOrgReadScope,
  partyOrgWriteScope,
  type PartyOrgAction,
  type PartyOrgFacts,
} from './party-orgs.policy';

/** A committee under org_a, with one child, in the caller's write scope. */
const committee: PartyOrgFacts = {
  id: 'org_c',
  type: 'two_new_committee',
  parentId: 'org_a',
  childCount: 1,
  inWriteScope: true,
};

describe('party-organisation scopes', () => {
  it('reads the subtree of any tree role, writes the staff subtree, adds roots as administrator only', () => {
    for (const role of ['staff', 'secretary', 'member', 'handler'] as Role[])
      expect(partyOrgReadScope(actorOf(role))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(partyOrgReadScope(actorOf('judge'))).toEqual({ all: false, orgIds: [] });
    expect(partyOrgWriteScope(actorOf('secretary'))).toEqual({ all: false, orgIds: [] });
    expect(mayCreateRoot(actorOf('admin'))).toBe(true);
    expect(mayCreateRoot(actorOf('staff'))).toBe(false);
  });
});

describe('party-organisation abilities: role × node', () => {
  const table: [Role, Partial<PartyOrgFacts>, PartyOrgAction[]][] = [
    ['admin', {}, ['update', 'createChild', 'move']],
    ['admin', { childCount: 0 }, ['update', 'createChild', 'move', 'delete']],
    ['admin', { parentId: null, childCount: 0 }, ['update', 'createChild']],
    ['staff', {}, ['update', 'createChild', 'move']],
    ['staff', { type: 'branch', childCount: 0 }, ['update', 'move', 'delete']],
    // The staff member's own node (bound there): edited, never moved or deleted.
    ['staff', { id: 'org_a', childCount: 0 }, ['update', 'createChild']],
    ['staff', { inWriteScope: false }, []],
    ['secretary', {}, []],
    ['member', { childCount: 0 }, []],
  ];
  it.each(table)('%s on %j may %j', (role, change, expected) => {
    expect(partyOrgPolicy.abilities(actorOf(role), { ...committee, ...change })).toEqual(expected);
  });
});
