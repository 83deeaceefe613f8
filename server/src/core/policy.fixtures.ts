import type { Role } from '@touyan/schemas';
import { makeActor, type Actor } from './actor';
import type { ErrorCode } from '@touyan/schemas';
import { AppError } from './errors';

/**
 * Test helper for policy tables: a user holding one role, bound to `orgId` (the administrator to no
 * node), with a user id derived from the role unless given.
 */
export function actorOf(role: Role, opts: { orgId?: string; id?: string; hostOrgId?: string } = {}): Actor {
  return makeActor({ id: opts.id ?? `u_${role}`, username: role, displayName: role }, [
    {
      id: `b_${role}`,
      role,
      orgId: role === 'admin' ? null : (opts.orgId ?? 'org_a'),
      hostOrgId: opts.hostOrgId ?? null,
    },
  ]);
}

/** What a policy's `authorize` answers: 'ok', or the code of the AppError it throws. */
export function verdict(run: () => void): 'ok' | ErrorCode {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}
