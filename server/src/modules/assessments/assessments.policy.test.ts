import { describe, expect, it } from 'vitest';
import type { AssessmentStatus, Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { assessmentReadScope, schemePolicy, sheetPolicy } from './assessments.policy';

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
