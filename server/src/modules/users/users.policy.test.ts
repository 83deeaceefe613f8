import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import {
  grantRefusal,
  mayCreateWithoutRoles,
  revokeRefusal,
  userPolicy,
  userReadScope,
  type UserFacts,
} from './users.policy';

const MANAGE = ['update', 'grantRole', 'revokeRole', 'resetPassword', 'unlock'];
const inside = { role: 'secretary', inScope: true };
const outside = { role: 'staff', inScope: false };

describe('user scope', () => {
  it('gives staff their staff subtree, the administrator everything, others nothing', () => {
    expect(userReadScope(actorOf('staff'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(userReadScope(actorOf('admin'))).toEqual({ all: true });
    expect(userReadScope(actorOf('secretary'))).toEqual({ all: false, orgIds: [] });
  });
});

describe('who manages a user: role × the user’s bindings', () => {
  const table: [Role, UserFacts['bindings'], string[]][] = [
    ['admin', [outside], MANAGE],
    ['admin', [], MANAGE],
    ['staff', [inside], MANAGE],
    ['staff', [inside, { role: 'member', inScope: true }], MANAGE],
    // A binding beside or above the staff member's node makes the user read-only to them.
    ['staff', [inside, outside], []],
    ['staff', [{ role: 'admin', inScope: true }], []],
    ['staff', [], []],
    ['secretary', [inside], []],
  ];
  it.each(table)('%s on a user bound %j may %j', (role, bindings, expected) => {
    expect(userPolicy.abilities(actorOf(role), { bindings })).toEqual(expected);
  });
});

describe('granting and revoking roles', () => {
  const admin = actorOf('admin');
  const staff = actorOf('staff');
  it('lets staff grant any role but admin, on a node of their scope', () => {
    expect(grantRefusal(staff, { role: 'secretary', orgId: 'org_a', orgInScope: true })).toBeNull();
    expect(grantRefusal(staff, { role: 'secretary', orgId: 'org_b', orgInScope: false })).toBe('ROLE_NOT_GRANTABLE');
    expect(grantRefusal(staff, { role: 'admin', orgId: 'org_a', orgInScope: true })).toBe('ROLE_NOT_GRANTABLE');
    expect(grantRefusal(staff, { role: 'staff', orgId: null, orgInScope: false })).toBe('ROLE_NOT_GRANTABLE');
  });
  it('keeps the node-less binding for the administrator role, granted by the administrator', () => {
    expect(grantRefusal(admin, { role: 'admin', orgId: null, orgInScope: false })).toBeNull();
    expect(grantRefusal(admin, { role: 'staff', orgId: null, orgInScope: false })).toBe('ROLE_NOT_GRANTABLE');
  });
  it('stops staff revoking outside their scope or a user’s last role; the administrator may', () => {
    expect(revokeRefusal(staff, { inScope: true, last: false })).toBeNull();
    expect(revokeRefusal(staff, { inScope: false, last: false })).toBe('ROLE_NOT_GRANTABLE');
    expect(revokeRefusal(staff, { inScope: true, last: true })).toBe('LAST_ROLE');
    expect(revokeRefusal(admin, { inScope: false, last: true })).toBeNull();
  });
  it('lets only the administrator create an account without roles', () => {
    expect(mayCreateWithoutRoles(admin)).toBe(true);
    expect(mayCreateWithoutRoles(staff)).toBe(false);
  });
});
