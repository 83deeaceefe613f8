import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { Store } from '../../store';
import { auditReadScope } from './audit.policy';

/** Audit entries carry the Party organisation they concern; staff read those under their bindings. */
export class AuditService {
  constructor(private readonly store: Store) {}

  list(ctx: RequestContext, q: AuditListQuery): Promise<Page<AuditView>> {
    return this.store.repos.audit.list(auditReadScope(ctx.actor), q);
  }
}
