import { maskMobile, type InstructorCreateBody, type InstructorView } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../store';
import { instructorPolicy, instructorReadScope, instructorWriteScope } from './instructors.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type InstructorsStore = Store<'audit' | 'instructors' | 'partyOrgs'>;

/** 党建工作指导员: dispatched by a Party organisation to firms without one of their own. */
export class InstructorsService {
  constructor(
    private readonly store: InstructorsStore,
    private readonly cipher: FieldCipher,
  ) {}

  async list(ctx: RequestContext, q: { q?: string }): Promise<{ items: InstructorView[] }> {
    const rows = await this.store.repos.instructors.list(instructorReadScope(ctx.actor), q.q);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        mobileMasked: maskMobile(this.cipher.decrypt(r.mobileEnc)),
        partyOrgId: r.partyOrgId,
        partyOrgName: r.partyOrgName,
        title: r.title,
        hostOrgCount: r.hostOrgCount,
      })),
    };
  }

  async create(ctx: RequestContext, body: InstructorCreateBody): Promise<InstructorView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const orgInWriteScope = await repos.partyOrgs.inScope(instructorWriteScope(ctx.actor), body.partyOrgId);
      if (!instructorPolicy.can(ctx.actor, 'create', { orgInWriteScope })) {
        throw new AppError('VALIDATION_FAILED', { partyOrgId: 'invalid' });
      }
      await repos.instructors.insert(
        {
          id,
          name: body.name,
          mobileEnc: this.cipher.encrypt(body.mobile),
          partyOrgId: body.partyOrgId,
          title: body.title,
        },
        ctx.actor.userId,
      );
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'instructor',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: body.partyOrgId,
        changes: diffFields(null, { ...body, mobile: maskMobile(body.mobile) }, [
          'name',
          'mobile',
          'partyOrgId',
          'title',
        ]),
      });
    });
    const created = (await this.list(ctx, { q: body.name })).items.find((i) => i.id === id);
    if (!created) throw new AppError('NOT_FOUND');
    return created;
  }
}
