import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';
import { workerTransition, type WorkerStatus } from '@touyan/schemas';

/*
 * Workers (新就业群体, issue 12) are placed by region. A user reaches a worker when the worker's
 * region lies in (or below) the region of a Party organisation the user is bound on with a role that
 * serves workers: staff (read, write, verify, reveal), a 驿家 station manager (read and verify), the
 * administrator everywhere. The worker themselves reaches only their own registration (`/workers/me`).
 */

/** The regions whose workers the user reads. */
export const workerReadScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff', 'station_manager']);
/** The regions whose workers the user may enter or edit (staff). */
export const workerWriteScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);
/** The regions whose workers the user may verify, reject or disable. */
export const workerVerifyScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff', 'station_manager']);
/** The regions a worker account may register in (its own bindings). */
export const workerSelfScope = (actor: Actor): { all: false; orgIds: string[] } => ({
  all: false,
  orgIds: [...new Set(actor.bindings.filter((b) => b.role === 'worker' && b.orgId).map((b) => b.orgId!))],
});
/** Whether scope `a` reaches everything `b` does (compared by bound nodes: a sufficient test). */
export const covers = (a: SubtreeScope, b: SubtreeScope): boolean =>
  a.all || (!b.all && b.orgIds.every((id) => a.orgIds.includes(id)));
/** Whether a scope reaches nothing. */
export const reachesNothing = (s: SubtreeScope): boolean => !s.all && s.orgIds.length === 0;
export const isWorkerAccount = (actor: Actor): boolean => actor.bindings.some((b) => b.role === 'worker');

/** Facts of one worker for the policy. */
export interface WorkerFacts {
  status: WorkerStatus;
  /** In the caller's write scope (staff). */
  writable: boolean;
  /** In the caller's verify scope (staff, station manager). */
  verifiable: boolean;
}

const can = (s: WorkerStatus, e: Parameters<typeof workerTransition>[1]) => workerTransition(s, e) !== null;

export const workerPolicy = definePolicy<'update' | 'verify' | 'reject' | 'disable' | 'reveal', WorkerFacts>({
  update: (actor, w) => actor.permissions.has('worker.write') && w.writable,
  verify: {
    who: (actor, w) => actor.permissions.has('worker.verify') && w.verifiable,
    when: (w) => can(w.status, 'verify'),
    otherwise: 'WORKER_STATUS',
  },
  reject: {
    who: (actor, w) => actor.permissions.has('worker.verify') && w.verifiable,
    when: (w) => can(w.status, 'reject'),
    otherwise: 'WORKER_STATUS',
  },
  disable: {
    who: (actor, w) => actor.permissions.has('worker.verify') && w.verifiable,
    when: (w) => can(w.status, 'disable'),
    otherwise: 'WORKER_STATUS',
  },
  reveal: (actor, w) => actor.permissions.has('worker.reveal') && w.writable,
});

/** A worker edits their own registration only while it awaits verification or was rejected. */
export const selfEditable = (s: WorkerStatus): boolean => s === 'pending' || s === 'rejected';
