import {
  maskMobile,
  type ConsultationBody,
  type ConsultationListQuery,
  type ConsultationUpdateBody,
  type ConsultationView,
  type DisputeCentreBody,
  type DisputeCentreList,
  type DisputeCentreUpdateBody,
  type DisputeCentreView,
  type Page,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import type { FieldCipher } from '../../core/crypto';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { shanghaiDate } from '../../core/time';
import { constraintError, violationOf } from '../../db/constraint-errors';
import type { Store } from '../../store';
import type { CentreRow, ConsultationFilter, ConsultationRow } from './dispute-centres.repository';
import { centreManageScope, centrePolicy, consultationPolicy, disputeReadScope } from './disputes.policy';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type DisputeCentresStore = Store<'audit' | 'disputeCentres' | 'disputes'>;
type Repos = DisputeCentresStore['repos'];

const CENTRE_AUDITED = ['name', 'code', 'regionCode', 'address', 'phone', 'headUserId', 'mediatorUserIds'] as const;

/**
 * The one-stop centres (调解中心) with their head and mediators, configured by staff over the
 * centre's region; and the 法律咨询 log kept by the centre's mediators and staff.
 */
export class DisputeCentresService {
  constructor(
    private readonly store: DisputeCentresStore,
    private readonly cipher: FieldCipher,
  ) {}

  // ——— centres ———

  private async centreViews(ctx: RequestContext, rows: CentreRow[]): Promise<DisputeCentreView[]> {
    const repos = this.store.repos;
    const ids = rows.map((r) => r.id);
    const [mediators, open, manageable] = await Promise.all([
      repos.disputeCentres.mediatorsOf(ids),
      repos.disputeCentres.openCases(ids),
      repos.disputeCentres.idsInScope(centreManageScope(ctx.actor), ids),
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      code: r.code,
      regionCode: r.regionCode,
      regionName: r.regionName,
      address: r.address,
      phone: r.phone,
      headUserId: r.headUserId,
      headName: r.headName,
      mediators: mediators.filter((m) => m.centreId === r.id).map((m) => ({ userId: m.userId, name: m.name })),
      openCases: open.get(r.id) ?? 0,
      version: r.version,
      abilities: centrePolicy.abilities(ctx.actor, { manageable: manageable.has(r.id) }),
    }));
  }

  async list(ctx: RequestContext): Promise<DisputeCentreList> {
    return {
      items: await this.centreViews(ctx, await this.store.repos.disputeCentres.list(disputeReadScope(ctx.actor))),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<DisputeCentreView> {
    const row = await this.store.repos.disputeCentres.get(disputeReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return (await this.centreViews(ctx, [row]))[0]!;
  }

  /** Which of these centres the caller reads (reference resolver). */
  visibleIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.disputeCentres.idsInScope(disputeReadScope(ctx.actor), ids);
  }

  /** Which of these users serve as mediators at a centre the caller reaches (reference resolver). */
  mediatorIdsIn(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    return this.store.repos.disputeCentres.mediatorIdsIn(disputeReadScope(ctx.actor), ids);
  }

  /** The region must be the caller's (staff); the head and the mediators must hold the mediator role (the head: or staff). */
  private async checkCentre(repos: Repos, ctx: RequestContext, body: DisputeCentreBody) {
    if (!(await repos.disputeCentres.regionInScope(centreManageScope(ctx.actor), body.regionCode)))
      throw new AppError('NOT_FOUND', { regionCode: 'not_found' });
    const mediators = await repos.disputeCentres.usersWithRole(body.mediatorUserIds, 'mediator');
    const bad = body.mediatorUserIds.findIndex((id) => !mediators.has(id));
    if (bad >= 0) throw new AppError('VALIDATION_FAILED', { [`mediatorUserIds.${bad}`]: 'not_mediator' });
    const head = new Set([
      ...(await repos.disputeCentres.usersWithRole([body.headUserId], 'mediator')),
      ...(await repos.disputeCentres.usersWithRole([body.headUserId], 'staff')),
    ]);
    if (!head.has(body.headUserId)) throw new AppError('VALIDATION_FAILED', { headUserId: 'not_mediator' });
  }

  private async guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const v = violationOf(e);
      if (v?.kind === 'unique' && v.columns.some((c) => c === 'code'))
        throw new AppError('DUPLICATE', { code: 'duplicate' });
      throw constraintError(e) ?? e;
    }
  }

  async create(ctx: RequestContext, body: DisputeCentreBody): Promise<DisputeCentreView> {
    if (!ctx.actor.permissions.has('dispute.manage')) throw new AppError('FORBIDDEN');
    const id = newId();
    await this.guarded(() =>
      this.store.tx(async (repos) => {
        await this.checkCentre(repos, ctx, body);
        await repos.disputeCentres.insert({
          id,
          name: body.name,
          code: body.code,
          regionCode: body.regionCode,
          address: body.address,
          phone: body.phone,
          headUserId: body.headUserId,
          createdBy: ctx.actor.userId,
        });
        await repos.disputeCentres.setMediators(id, body.mediatorUserIds);
        await repos.audit.record(auditCtx(ctx), {
          action: 'create',
          entityType: 'dispute_centre',
          entityId: id,
          entityLabel: body.name,
          changes: diffFields(null, body, [...CENTRE_AUDITED]),
        });
      }),
    );
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: DisputeCentreUpdateBody): Promise<DisputeCentreView> {
    await this.guarded(() =>
      this.store.tx(async (repos) => {
        const row = await repos.disputeCentres.get(disputeReadScope(ctx.actor), id);
        if (!row) throw notFound();
        const manageable = (await repos.disputeCentres.idsInScope(centreManageScope(ctx.actor), [id])).has(id);
        centrePolicy.authorize(ctx.actor, 'update', { manageable });
        await this.checkCentre(repos, ctx, body);
        const before = {
          ...row,
          mediatorUserIds: (await repos.disputeCentres.mediatorsOf([id])).map((m) => m.userId),
        };
        await repos.disputeCentres.update(id, body.version, {
          name: body.name,
          code: body.code,
          regionCode: body.regionCode,
          address: body.address,
          phone: body.phone,
          headUserId: body.headUserId,
        });
        await repos.disputeCentres.setMediators(id, body.mediatorUserIds);
        await repos.audit.record(auditCtx(ctx), {
          action: 'update',
          entityType: 'dispute_centre',
          entityId: id,
          entityLabel: body.name,
          changes: diffFields(before, body, [...CENTRE_AUDITED]),
        });
      }),
    );
    return this.get(ctx, id);
  }

  // ——— consultations (法律咨询) ———

  private consultationView(ctx: RequestContext, r: ConsultationRow): ConsultationView {
    return {
      id: r.id,
      centreId: r.centreId,
      centreName: r.centreName,
      channel: r.channel as ConsultationView['channel'],
      askedOn: r.askedOn,
      personName: r.personName,
      mobileMasked: r.mobileMasked,
      regionCode: r.regionCode,
      regionName: r.regionName,
      topic: r.topic as ConsultationView['topic'],
      question: r.question,
      answer: r.answer,
      followUp: r.followUp,
      followUpOn: r.followUpOn,
      caseId: r.caseId,
      caseNo: r.caseNo,
      createdByName: r.createdByName,
      version: r.version,
      createdAt: r.createdAt,
      abilities: consultationPolicy.abilities(ctx.actor, {}),
    };
  }

  private filter(q: ConsultationListQuery): ConsultationFilter {
    return {
      q: q.q || undefined,
      centreId: q.centreId,
      channel: q.channel,
      topic: q.topic,
      becameCase: q.becameCase,
      orgId: q.orgId,
      regionCode: q.regionCode,
      askedFrom: q.askedFrom,
      askedTo: q.askedTo,
    };
  }

  async consultations(ctx: RequestContext, q: ConsultationListQuery): Promise<Page<ConsultationView>> {
    const repo = this.store.repos.disputeCentres;
    const scope = disputeReadScope(ctx.actor);
    const f = this.filter(q);
    const page = await repo.listConsultations(scope, f, q);
    return {
      items: page.items.map((r) => this.consultationView(ctx, r)),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await repo.countConsultations(scope, f) } : {}),
    };
  }

  /** The case a consultation became must be one of the same centre. */
  private async checkCase(repos: Repos, ctx: RequestContext, centreId: string, caseId: string | null) {
    if (!caseId) return;
    const c = await repos.disputes.get(disputeReadScope(ctx.actor), caseId);
    if (!c || c.centreId !== centreId) throw new AppError('VALIDATION_FAILED', { caseId: 'invalid' });
  }

  async createConsultation(ctx: RequestContext, body: ConsultationBody): Promise<ConsultationView> {
    if (!ctx.actor.permissions.has('dispute.write')) throw new AppError('FORBIDDEN');
    const id = newId();
    await this.store.tx(async (repos) => {
      const centre = await repos.disputeCentres.get(disputeReadScope(ctx.actor), body.centreId);
      if (!centre) throw new AppError('NOT_FOUND', { centreId: 'not_found' });
      if (!(await repos.disputeCentres.regionUnder(centre.regionCode, body.regionCode)))
        throw new AppError('VALIDATION_FAILED', { regionCode: 'invalid' });
      if (body.askedOn > shanghaiDate()) throw new AppError('VALIDATION_FAILED', { askedOn: 'date_future' });
      if (body.followUpOn && body.followUpOn < body.askedOn)
        throw new AppError('VALIDATION_FAILED', { followUpOn: 'date_order' });
      await this.checkCase(repos, ctx, centre.id, body.caseId);
      await repos.disputeCentres.insertConsultation({
        id,
        centreId: centre.id,
        channel: body.channel,
        askedOn: body.askedOn,
        personName: body.personName,
        mobileEnc: body.mobile ? this.cipher.encrypt(body.mobile) : null,
        mobileMasked: body.mobile ? maskMobile(body.mobile) : null,
        regionCode: body.regionCode,
        topic: body.topic,
        question: body.question,
        answer: body.answer,
        followUp: body.followUp,
        followUpOn: body.followUpOn,
        caseId: body.caseId,
        createdBy: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'dispute_consultation',
        entityId: id,
        entityLabel: `${centre.name} ${body.askedOn}`,
        changes: diffFields(null, { ...body, mobile: body.mobile ? maskMobile(body.mobile) : null }, [
          'channel',
          'askedOn',
          'personName',
          'mobile',
          'regionCode',
          'topic',
          'question',
          'answer',
          'followUp',
          'followUpOn',
          'caseId',
        ]),
      });
    });
    return this.consultationGet(ctx, id);
  }

  consultation = (ctx: RequestContext, id: string) => this.consultationGet(ctx, id);

  private async consultationGet(ctx: RequestContext, id: string): Promise<ConsultationView> {
    const row = await this.store.repos.disputeCentres.consultation(disputeReadScope(ctx.actor), id);
    if (!row) throw notFound();
    return this.consultationView(ctx, row);
  }

  async updateConsultation(ctx: RequestContext, id: string, body: ConsultationUpdateBody): Promise<ConsultationView> {
    await this.store.tx(async (repos) => {
      const row = await repos.disputeCentres.consultation(disputeReadScope(ctx.actor), id);
      if (!row) throw notFound();
      consultationPolicy.authorize(ctx.actor, 'update', {});
      if (body.followUpOn && body.followUpOn < row.askedOn)
        throw new AppError('VALIDATION_FAILED', { followUpOn: 'date_order' });
      await this.checkCase(repos, ctx, row.centreId, body.caseId);
      const patch = { answer: body.answer, followUp: body.followUp, followUpOn: body.followUpOn, caseId: body.caseId };
      await repos.disputeCentres.updateConsultation(id, body.version, patch);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'dispute_consultation',
        entityId: id,
        entityLabel: `${row.centreName} ${row.askedOn}`,
        changes: diffFields(row, patch, ['answer', 'followUp', 'followUpOn', 'caseId']),
      });
    });
    return this.consultationGet(ctx, id);
  }
}
