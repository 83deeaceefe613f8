import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { subtreeScope } from '../../core/scope';
import type { Store } from '../../store';

/** Audit entries carry the Party organisation they concern; staff read those under their bindings. */
export class AuditService {
  constructor(private readonly store: Store) {}

  list(ctx: RequestContext, q: AuditListQuery): Promise<Page<AuditView>> {
    return this.store.repos.audit.list(subtreeScope(ctx.actor, ['staff']), q);
  }
}
