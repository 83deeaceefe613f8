import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { actorOf } from './policy.fixtures';
import { AppError } from './errors';
import { definePolicy } from './policy';

const actor = (role: Role) => actorOf(role, { orgId: 'org_a' });

/** The AppError code a call throws, or null. */
function codeOf(f: () => void): string | null {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return null;
}

const notes = definePolicy<'read' | 'edit' | 'delete', { owner: string; locked: boolean }>({
  read: () => true,
  edit: (a, r) => r.owner === a.userId && !r.locked,
  delete: (a) => a.isAdmin,
});

describe('definePolicy', () => {
  it('lists the abilities the rules allow, in declaration order', () => {
    expect(notes.actions).toEqual(['read', 'edit', 'delete']);
    expect(notes.abilities(actor('staff'), { owner: 'u_staff', locked: false })).toEqual(['read', 'edit']);
    expect(notes.abilities(actor('staff'), { owner: 'u_staff', locked: true })).toEqual(['read']);
    expect(notes.abilities(actor('admin'), { owner: 'u_staff', locked: false })).toEqual(['read', 'delete']);
  });

  it('authorises with the same rule and refuses with 403 FORBIDDEN', () => {
    expect(codeOf(() => notes.authorize(actor('staff'), 'edit', { owner: 'u_staff', locked: false }))).toBeNull();
    expect(codeOf(() => notes.authorize(actor('staff'), 'delete', { owner: 'u_staff', locked: false }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('a staged rule', () => {
  const doors = definePolicy<'open', { locked: boolean }>({
    open: { who: (a) => a.permissions.has('project.manage'), when: (r) => !r.locked, otherwise: 'INVALID_TRANSITION' },
  });
  it('needs both parts for the ability', () => {
    expect(doors.abilities(actor('staff'), { locked: false })).toEqual(['open']);
    expect(doors.abilities(actor('staff'), { locked: true })).toEqual([]);
    expect(doors.abilities(actor('secretary'), { locked: false })).toEqual([]);
  });
  it('refuses a caller who may not with 403, and the wrong state with its own code', () => {
    expect(codeOf(() => doors.authorize(actor('secretary'), 'open', { locked: true }))).toBe('FORBIDDEN');
    expect(codeOf(() => doors.authorize(actor('staff'), 'open', { locked: true }))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => doors.authorize(actor('staff'), 'open', { locked: false }))).toBeNull();
  });
});
