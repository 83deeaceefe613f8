import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { Store } from '../../store';
import { auditReadScope } from './audit.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type AuditStore = Store<'audit'>;

/** Audit entries carry the Party organisation they concern; staff read those under their bindings. */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  list(ctx: RequestContext, q: AuditListQuery): Promise<Page<AuditView>> {
    return this.store.repos.audit.list(auditReadScope(ctx.actor), q);
  }
}
