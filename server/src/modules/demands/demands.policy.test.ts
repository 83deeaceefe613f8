import { describe, expect, it } from 'vitest';
import type { ErrorCode, Role } from '@touyan/schemas';
import { actorOf, verdict } from '../../core/policy.fixtures';
import {
  demandCreatePolicy,
  demandPolicy,
  demandReadScope,
  departmentPolicy,
  type DemandFacts,
  type DemandPolicyAction,
} from './demands.policy';

const base: DemandFacts = {
  status: 'received',
  staffOver: false,
  leadHandler: false,
  ownFirm: false,
  workdaysSinceResolved: 0,
};

describe('demand read scope', () => {
  it('gives staff their subtree, handlers their departments, specialists their firms, contacts their own firm', () => {
    expect(demandReadScope(actorOf('admin')).all).toBe(true);
    expect(demandReadScope(actorOf('staff'))).toMatchObject({ staff: { all: false, orgIds: ['org_a'] } });
    expect(demandReadScope(actorOf('handler'))).toMatchObject({
      staff: { all: false, orgIds: [] },
      handlerUserId: 'u_handler',
    });
    expect(demandReadScope(actorOf('specialist'))).toMatchObject({ specialistUserId: 'u_specialist' });
    expect(demandReadScope(actorOf('contact', { hostOrgId: 'h1' }))).toMatchObject({ ownHostOrgIds: ['h1'] });
    expect(demandReadScope(actorOf('secretary'))).toMatchObject({
      staff: { all: false, orgIds: [] },
      handlerUserId: null,
      specialistUserId: null,
      ownHostOrgIds: [],
    });
  });
});

describe('demand abilities: role × state', () => {
  const table: [Role, Partial<DemandFacts>, DemandPolicyAction[]][] = [
    ['handler', { leadHandler: true }, ['accept', 'transfer', 'return']],
    ['handler', { leadHandler: true, status: 'accepted' }, ['reply', 'transfer', 'return']],
    ['handler', { leadHandler: true, status: 'in_progress' }, ['resolve', 'transfer', 'return']],
    ['handler', { leadHandler: true, status: 'resolved' }, []],
    ['handler', { leadHandler: false }, []],
    ['contact', { ownFirm: true, status: 'resolved' }, ['rate']],
    ['contact', { ownFirm: false, status: 'resolved' }, []],
    ['contact', { ownFirm: true, status: 'in_progress' }, []],
    ['staff', { staffOver: true }, ['reroute']],
    ['staff', { staffOver: true, status: 'returned' }, ['reroute']],
    ['staff', { staffOver: true, status: 'resolved', workdaysSinceResolved: 4 }, []],
    ['staff', { staffOver: true, status: 'resolved', workdaysSinceResolved: 5 }, ['close']],
    ['staff', { staffOver: false, status: 'returned' }, []],
    ['specialist', { status: 'resolved' }, []],
    // The administrator holds every permission but is neither a handler nor the firm's contact.
    ['admin', { staffOver: true, status: 'resolved', workdaysSinceResolved: 9 }, ['close']],
  ];
  for (const [role, facts, expected] of table) {
    it(`${role} on ${JSON.stringify(facts)} → [${expected.join(', ')}]`, () => {
      expect(demandPolicy.abilities(actorOf(role), { ...base, ...facts })).toEqual(expected);
    });
  }

  it('answers 403 to who may not and the state’s code when only the state stands in the way', () => {
    const cases: [Role, DemandPolicyAction, Partial<DemandFacts>, 'ok' | ErrorCode][] = [
      ['handler', 'accept', { leadHandler: true }, 'ok'],
      ['handler', 'accept', { leadHandler: true, status: 'accepted' }, 'INVALID_TRANSITION'],
      ['handler', 'accept', {}, 'FORBIDDEN'],
      ['staff', 'close', { staffOver: true, status: 'resolved', workdaysSinceResolved: 2 }, 'DEMAND_NOT_CLOSABLE'],
      ['contact', 'rate', { ownFirm: true, status: 'closed' }, 'INVALID_TRANSITION'],
      ['staff', 'rate', { staffOver: true, status: 'resolved' }, 'FORBIDDEN'],
    ];
    for (const [role, action, facts, want] of cases)
      expect(verdict(() => demandPolicy.authorize(actorOf(role), action, { ...base, ...facts }))).toBe(want);
  });
});

describe('creating demands and configuring departments', () => {
  it('lets staff over the firm, its specialist and its contact create; nobody else', () => {
    const none = { staffOver: false, specialist: false, ownFirm: false };
    expect(demandCreatePolicy.can(actorOf('staff'), 'create', { ...none, staffOver: true })).toBe(true);
    expect(demandCreatePolicy.can(actorOf('staff'), 'create', none)).toBe(false);
    expect(demandCreatePolicy.can(actorOf('specialist'), 'create', { ...none, specialist: true })).toBe(true);
    expect(demandCreatePolicy.can(actorOf('contact'), 'create', { ...none, ownFirm: true })).toBe(true);
    expect(demandCreatePolicy.can(actorOf('handler'), 'create', { ...none, staffOver: true })).toBe(false);
    expect(demandCreatePolicy.can(actorOf('secretary'), 'create', { ...none, ownFirm: true })).toBe(false);
  });

  it('lets staff configure departments in their scope only', () => {
    expect(departmentPolicy.can(actorOf('staff'), 'update', { inStaffScope: true })).toBe(true);
    expect(departmentPolicy.can(actorOf('staff'), 'update', { inStaffScope: false })).toBe(false);
    expect(departmentPolicy.can(actorOf('handler'), 'update', { inStaffScope: true })).toBe(false);
  });
});
