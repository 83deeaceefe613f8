import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { makeActor } from './actor';
import { AppError } from './errors';
import { definePolicy } from './policy';

const actor = (role: Role) =>
  makeActor({ id: `u_${role}`, username: role, displayName: role }, [
    { id: `b_${role}`, role, orgId: 'org_a', hostOrgId: null },
  ]);

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
    expect(() => notes.authorize(actor('staff'), 'edit', { owner: 'u_staff', locked: false })).not.toThrow();
    let err: unknown;
    try {
      notes.authorize(actor('staff'), 'delete', { owner: 'u_staff', locked: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FORBIDDEN');
  });
});
