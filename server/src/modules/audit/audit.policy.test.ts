import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { auditReadScope } from './audit.policy';

describe('audit scope', () => {
  const table: [Role, unknown][] = [
    ['admin', { all: true }],
    ['staff', { all: false, orgIds: ['org_a'] }],
    ['secretary', { all: false, orgIds: [] }],
    ['handler', { all: false, orgIds: [] }],
  ];
  it.each(table)('%s reads the entries of %j', (role, scope) => {
    expect(auditReadScope(actorOf(role))).toEqual(scope);
  });
});
