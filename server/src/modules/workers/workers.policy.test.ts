import { describe, expect, it } from 'vitest';
import type { Role } from '@touyan/schemas';
import { makeActor } from '../../core/actor';
import { workerPolicy, workerReadScope, workerSelfScope, workerWriteScope } from './workers.policy';

const actor = (role: Role, orgId: string | null = 'org-a') =>
  makeActor({ id: `u-${role}`, username: role, displayName: role }, [{ id: 'b', role, orgId, hostOrgId: null }]);

describe('workers policy', () => {
  it('scopes reads to staff and station managers, writes to staff, self-registration to the worker binding', () => {
    expect(workerReadScope(actor('staff'))).toEqual({ all: false, orgIds: ['org-a'] });
    expect(workerReadScope(actor('station_manager'))).toEqual({ all: false, orgIds: ['org-a'] });
    expect(workerReadScope(actor('secretary'))).toEqual({ all: false, orgIds: [] });
    expect(workerWriteScope(actor('station_manager'))).toEqual({ all: false, orgIds: [] });
    expect(workerReadScope(actor('admin', null))).toEqual({ all: true });
    expect(workerSelfScope(actor('worker'))).toEqual({ all: false, orgIds: ['org-a'] });
    expect(workerSelfScope(actor('staff'))).toEqual({ all: false, orgIds: [] });
  });

  it('lets a station manager verify, reject and disable but not edit or reveal', () => {
    const m = actor('station_manager');
    expect(workerPolicy.abilities(m, { status: 'pending', writable: false, verifiable: true })).toEqual([
      'verify',
      'reject',
    ]);
    expect(workerPolicy.abilities(m, { status: 'verified', writable: false, verifiable: true })).toEqual(['disable']);
    const s = actor('staff');
    expect(workerPolicy.abilities(s, { status: 'disabled', writable: true, verifiable: true })).toEqual([
      'update',
      'verify',
      'reveal',
    ]);
    expect(() => workerPolicy.authorize(s, 'reject', { status: 'verified', writable: true, verifiable: true })).toThrow(
      'WORKER_STATUS',
    );
  });
});
