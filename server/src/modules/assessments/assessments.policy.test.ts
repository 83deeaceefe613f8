import { describe, expect, it } from 'vitest';
import type { AssessmentStatus, ErrorCode, Role } from '@touyan/schemas';
import { actorOf, verdict } from '../../core/policy.fixtures';
import { assessmentReadScope, schemePolicy, sheetPolicy, type SchemeAction } from './assessments.policy';

describe('assessment scope', () => {
  it('lets staff manage their subtree and a secretary read their own organisation’s sheet', () => {
    expect(assessmentReadScope(actorOf('admin'))).toEqual({ managed: { all: true }, ownOrgIds: [] });
    expect(assessmentReadScope(actorOf('staff'))).toEqual({
      managed: { all: false, orgIds: ['org_a'] },
      ownOrgIds: [],
    });
    expect(assessmentReadScope(actorOf('secretary'))).toEqual({
      managed: { all: false, orgIds: [] },
      ownOrgIds: ['org_a'],
    });
    expect(assessmentReadScope(actorOf('member'))).toEqual({ managed: { all: false, orgIds: [] }, ownOrgIds: [] });
  });
});

describe('scheme and sheet abilities: manager × status', () => {
  const table: [Role, boolean, AssessmentStatus, string[], string[]][] = [
    ['staff', true, 'draft', ['update', 'fill', 'addSheet', 'publish', 'export'], ['update', 'export']],
    ['staff', true, 'published', ['unpublish', 'export'], ['export']],
    ['secretary', false, 'published', [], ['export']],
  ];
  it.each(table)('%s (manager: %s) on a %s scheme may %j, on its sheets %j', (role, manager, status, scheme, sheet) => {
    expect(schemePolicy.abilities(actorOf(role), { manager, status })).toEqual(scheme);
    expect(sheetPolicy.abilities(actorOf(role), { manager, status })).toEqual(sheet);
  });
});

describe('scheme enforcement: the manager first (403), then the scheme’s status', () => {
  const table: [boolean, AssessmentStatus, SchemeAction, 'ok' | ErrorCode][] = [
    [true, 'draft', 'update', 'ok'],
    [true, 'published', 'update', 'ASSESSMENT_PUBLISHED'],
    [false, 'draft', 'update', 'FORBIDDEN'],
    [true, 'published', 'fill', 'ASSESSMENT_PUBLISHED'],
    [true, 'published', 'addSheet', 'ASSESSMENT_PUBLISHED'],
    [false, 'draft', 'addSheet', 'FORBIDDEN'],
    [true, 'draft', 'publish', 'ok'],
    [true, 'published', 'publish', 'INVALID_TRANSITION'],
    [false, 'draft', 'publish', 'FORBIDDEN'],
    [true, 'published', 'unpublish', 'ok'],
    [true, 'draft', 'unpublish', 'INVALID_TRANSITION'],
    [false, 'published', 'unpublish', 'FORBIDDEN'],
    [true, 'published', 'export', 'ok'],
    [false, 'published', 'export', 'FORBIDDEN'],
  ];
  it.each(table)('manager: %s, %s scheme, %s → %s', (manager, status, action, expected) => {
    expect(verdict(() => schemePolicy.authorize(actorOf('staff'), action, { manager, status }))).toBe(expected);
  });

  it('refuses a sheet’s update to a reader (403) and on a published scheme (409), and lets any reader export it', () => {
    const staff = actorOf('staff');
    expect(verdict(() => sheetPolicy.authorize(staff, 'update', { manager: true, status: 'draft' }))).toBe('ok');
    expect(verdict(() => sheetPolicy.authorize(staff, 'update', { manager: true, status: 'published' }))).toBe(
      'ASSESSMENT_PUBLISHED',
    );
    const secretary = actorOf('secretary');
    expect(verdict(() => sheetPolicy.authorize(secretary, 'update', { manager: false, status: 'published' }))).toBe(
      'FORBIDDEN',
    );
    expect(verdict(() => sheetPolicy.authorize(secretary, 'export', { manager: false, status: 'published' }))).toBe(
      'ok',
    );
  });

  it('allows exactly the abilities it lists', () => {
    for (const manager of [true, false])
      for (const status of ['draft', 'published'] as AssessmentStatus[]) {
        for (const action of schemePolicy.actions) {
          const ok = verdict(() => schemePolicy.authorize(actorOf('staff'), action, { manager, status })) === 'ok';
          expect(ok).toBe(schemePolicy.abilities(actorOf('staff'), { manager, status }).includes(action));
        }
        for (const action of sheetPolicy.actions) {
          const ok = verdict(() => sheetPolicy.authorize(actorOf('staff'), action, { manager, status })) === 'ok';
          expect(ok).toBe(sheetPolicy.abilities(actorOf('staff'), { manager, status }).includes(action));
        }
      }
  });
});
