import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import { seesUnlinkedUpload } from './attachments.policy';

describe('an upload not yet linked to a project', () => {
  const table: [Role, string | null, boolean][] = [
    ['secretary', 'u_secretary', true],
    ['secretary', 'u_other', false],
    ['staff', 'u_other', false],
    ['admin', 'u_other', true],
    ['admin', null, true],
  ];
  it.each(table)('%s opens one uploaded by %s: %s', (role, uploadedBy, expected) => {
    expect(seesUnlinkedUpload(actorOf(role), { uploadedBy })).toBe(expected);
  });
});
