import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { regionPolicy } from './regions.policy';

describe('region abilities by role', () => {
  const table: [Role, string[]][] = [
    ['admin', ['update', 'move', 'createChild']],
    ['staff', []],
    ['secretary', []],
    ['mediator', []],
  ];
  it.each(table)('%s may %j on any region', (role, expected) => {
    expect(regionPolicy.abilities(actorOf(role), null)).toEqual(expected);
  });
});
