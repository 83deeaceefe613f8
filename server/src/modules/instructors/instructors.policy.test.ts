import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { instructorPolicy, instructorReadScope, instructorWriteScope } from './instructors.policy';

describe('instructors', () => {
  it('are read in the subtree of any tree role and dispatched from the staff subtree', () => {
    expect(instructorReadScope(actorOf('handler'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(instructorReadScope(actorOf('judge'))).toEqual({ all: false, orgIds: [] });
    expect(instructorWriteScope(actorOf('member'))).toEqual({ all: false, orgIds: [] });
    expect(instructorWriteScope(actorOf('admin'))).toEqual({ all: true });
  });

  const table: [Role, boolean, string[]][] = [
    ['admin', true, ['create']],
    ['staff', true, ['create']],
    ['staff', false, []],
    ['secretary', true, []],
  ];
  it.each(table)(
    '%s dispatching from an organisation in write scope (%s) may %j',
    (role, orgInWriteScope, expected) => {
      expect(instructorPolicy.abilities(actorOf(role), { orgInWriteScope })).toEqual(expected);
    },
  );
});
