import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';

/**
 * 小哥码 scope. Compounds belong to their managing Party organisation: staff over it (and the
 * administrator) read and manage them. Passes belong to their worker: staff reach the workers whose
 * region lies under the region of an organisation they are bound to. Guards and riders use their own
 * routes (their post, their pass), never these lists.
 */
export const passScope = (actor: Actor): SubtreeScope => subtreeScope(actor, ['staff']);

export interface PassFacts {
  status: 'active' | 'expired' | 'revoked';
}

export const compoundPolicy = definePolicy<'update', object>({
  update: (actor) => actor.permissions.has('pass.manage'),
});

export const passPolicy = definePolicy<'renew' | 'revoke', PassFacts>({
  renew: {
    who: (actor) => actor.permissions.has('pass.manage'),
    when: (p) => p.status !== 'revoked',
    otherwise: 'PASS_NOT_ACTIVE',
  },
  revoke: {
    who: (actor) => actor.permissions.has('pass.manage'),
    when: (p) => p.status !== 'revoked',
    otherwise: 'PASS_NOT_ACTIVE',
  },
});
