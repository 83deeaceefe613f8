import type { ErrorCode } from '@touyan/schemas';
import type { Actor } from './actor';
import { AppError } from './errors';

/**
 * One model's rules of "who may do what", in the manner of Outline's policies: each action is a
 * pure, synchronous predicate over the actor and the plain facts of one record (its status, its
 * organisation, and any "in scope" fact a repository query already resolved). The same predicates
 * enforce (`authorize`) and describe (`abilities`, the list sent to the UI), so the two cannot drift.
 */
export type Predicate<R> = (actor: Actor, record: R) => boolean;

/**
 * A rule in two parts: `who` may take the action at all (else 403 FORBIDDEN) and `when` the record's
 * state allows it (else `otherwise`, e.g. INVALID_TRANSITION): the ability needs both.
 */
export interface StagedRule<R> {
  who: Predicate<R>;
  when: (record: R) => boolean;
  otherwise: ErrorCode;
}

export type Rules<A extends string, R> = { readonly [K in A]: Predicate<R> | StagedRule<R> };

export interface Policy<A extends string, R> {
  /** Every action, in the order `abilities` lists them. */
  readonly actions: readonly A[];
  can(actor: Actor, action: A, record: R): boolean;
  /** The actions `can` allows on this record, in declaration order. */
  abilities(actor: Actor, record: R): A[];
  /**
   * Throws unless `can` allows it (the record is already known to be readable): 403 FORBIDDEN for a
   * caller who may not, or a staged rule's own code when only the record's state stands in the way.
   */
  authorize(actor: Actor, action: A, record: R): void;
}

export function definePolicy<A extends string, R>(rules: Rules<A, R>): Policy<A, R> {
  const actions = Object.keys(rules) as A[];
  const can = (actor: Actor, action: A, record: R): boolean => {
    const rule = rules[action];
    return typeof rule === 'function' ? rule(actor, record) : rule.who(actor, record) && rule.when(record);
  };
  return {
    actions,
    can,
    abilities: (actor, record) => actions.filter((a) => can(actor, a, record)),
    authorize: (actor, action, record) => {
      const rule = rules[action];
      if (typeof rule === 'function') {
        if (!rule(actor, record)) throw new AppError('FORBIDDEN');
        return;
      }
      if (!rule.who(actor, record)) throw new AppError('FORBIDDEN');
      if (!rule.when(record)) throw new AppError(rule.otherwise);
    },
  };
}
