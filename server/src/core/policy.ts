import type { Actor } from './actor';
import { AppError } from './errors';

/**
 * One model's rules of "who may do what", in the manner of Outline's policies: each action is a
 * pure, synchronous predicate over the actor and the plain facts of one record (its status, its
 * organisation, and any "in scope" fact a repository query already resolved). The same predicates
 * enforce (`authorize`) and describe (`abilities`, the list sent to the UI), so the two cannot drift.
 */
export type Rules<A extends string, R> = { readonly [K in A]: (actor: Actor, record: R) => boolean };

export interface Policy<A extends string, R> {
  /** Every action, in the order `abilities` lists them. */
  readonly actions: readonly A[];
  can(actor: Actor, action: A, record: R): boolean;
  /** The actions `can` allows on this record, in declaration order. */
  abilities(actor: Actor, record: R): A[];
  /** Throws 403 FORBIDDEN unless `can` allows it (the record is already known to be readable). */
  authorize(actor: Actor, action: A, record: R): void;
}

export function definePolicy<A extends string, R>(rules: Rules<A, R>): Policy<A, R> {
  const actions = Object.keys(rules) as A[];
  const can = (actor: Actor, action: A, record: R): boolean => rules[action](actor, record);
  return {
    actions,
    can,
    abilities: (actor, record) => actions.filter((a) => can(actor, a, record)),
    authorize: (actor, action, record) => {
      if (!can(actor, action, record)) throw new AppError('FORBIDDEN');
    },
  };
}
