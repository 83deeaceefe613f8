import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf, verdict } from '../../core/policy.fixtures';
import { visitPolicy, visitReadScope, visitWriteScope, type VisitFacts } from './visits.policy';

describe('visits', () => {
  it('are logged for the firms a specialist is assigned and the firms under a staff member', () => {
    expect(visitWriteScope(actorOf('specialist'))).toEqual({
      all: false,
      subtree: { all: false, orgIds: [] },
      specialistUserId: 'u_specialist',
      ownHostOrgIds: [],
    });
    expect(visitWriteScope(actorOf('staff')).subtree).toEqual({ all: false, orgIds: ['org_a'] });
    expect(visitWriteScope(actorOf('contact', { hostOrgId: 'h1' }))).toMatchObject({
      specialistUserId: null,
      ownHostOrgIds: [],
    });
    expect(visitReadScope(actorOf('contact', { hostOrgId: 'h1' })).ownHostOrgIds).toEqual(['h1']);
  });

  const own: VisitFacts = { firmWritable: true, isCreator: true, kind: 'daily' };
  const others: VisitFacts = { ...own, isCreator: false };
  const table: [Role, VisitFacts, string[]][] = [
    ['specialist', own, ['create', 'update']],
    ['specialist', others, ['create']],
    ['specialist', { ...own, firmWritable: false }, []],
    ['staff', others, ['create', 'update']],
    ['staff', { ...others, firmWritable: false }, []],
    ['admin', others, ['create', 'update']],
    ['contact', own, []],
    ['specialist', { ...own, kind: 'online' }, ['create']],
  ];
  it.each(table)('%s on %j may %j', (role, facts, expected) => {
    expect(visitPolicy.abilities(actorOf(role), facts)).toEqual(expected);
  });

  it('refuses to edit an online visit with its own code, and a stranger with 403', () => {
    expect(verdict(() => visitPolicy.authorize(actorOf('specialist'), 'update', { ...own, kind: 'online' }))).toBe(
      'VISIT_NOT_EDITABLE',
    );
    expect(verdict(() => visitPolicy.authorize(actorOf('specialist'), 'update', others))).toBe('FORBIDDEN');
  });
});
