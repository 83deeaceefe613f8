import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { hostOrgPolicy, hostOrgReadScope, hostOrgWriteScope } from './host-orgs.policy';

describe('host organisation scopes', () => {
  it('reads by subtree, by assignment or by own organisation; writes by the staff subtree', () => {
    expect(hostOrgReadScope(actorOf('handler')).subtree).toEqual({ all: false, orgIds: ['org_a'] });
    expect(hostOrgReadScope(actorOf('specialist', { id: 'u_sp' })).specialistUserId).toBe('u_sp');
    expect(hostOrgReadScope(actorOf('contact', { hostOrgId: 'h_1' })).ownHostOrgIds).toEqual(['h_1']);
    expect(hostOrgWriteScope(actorOf('staff')).subtree).toEqual({ all: false, orgIds: ['org_a'] });
    expect(hostOrgWriteScope(actorOf('secretary')).subtree).toEqual({ all: false, orgIds: [] });
    expect(hostOrgWriteScope(actorOf('admin')).all).toBe(true);
  });
});

describe('host organisation abilities: role × managing organisation in write scope', () => {
  const table: [Role, boolean, string[]][] = [
    ['admin', true, ['update']],
    ['staff', true, ['update']],
    ['staff', false, []],
    ['secretary', true, []],
    ['contact', true, []],
  ];
  it.each(table)('%s (managing organisation in write scope: %s) may %j', (role, managingInWriteScope, expected) => {
    expect(hostOrgPolicy.abilities(actorOf(role), { managingInWriteScope })).toEqual(expected);
  });
});
