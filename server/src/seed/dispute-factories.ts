import {
  disputeCentreBody,
  disputeEventFields,
  disputeIntakeBody,
  type DisputeCentreView,
  type DisputeDetailView,
  type DisputeEventFields,
  type DisputeIntakeBody,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { validated } from './factories';

let serial = 0;
/** A mobile no other factory case uses (the duplicate check keys an entered worker by it). */
export const freshMobile = (): string =>
  `1390${String(Date.now() % 10_000).padStart(4, '0')}${String(++serial % 1000).padStart(3, '0')}`;

/** A one-stop centre through the service (the caller must manage the region). */
export function createCentre(
  services: Services,
  ctx: RequestContext,
  input: {
    name: string;
    code: string;
    regionCode: string;
    headUserId: string;
    mediatorUserIds: string[];
    address?: string;
    phone?: string | null;
  },
): Promise<DisputeCentreView> {
  return services.disputeCentres.create(
    ctx,
    validated(disputeCentreBody, { address: `${input.name}服务大厅`, phone: null, ...input }),
  );
}

/** An intake body: an entered worker against a firm, with the given overrides. */
export function intakeInput(centreId: string, overrides: Partial<DisputeIntakeBody> = {}): DisputeIntakeBody {
  return validated(disputeIntakeBody, {
    centreId,
    source: 'walk_in',
    sourceNote: null,
    worker: { name: '王小二', mobile: freshMobile() },
    respondent: { kind: 'firm', name: '测试物流有限公司', creditCode: null },
    type: 'wage_arrears',
    claimFen: 680_000,
    facts: '2025年8月至10月工资未发放，多次催要未果。',
    knownOn: null,
    evidenceIds: [],
    ...overrides,
  });
}

/** A case taken in through the service. */
export function createCase(
  services: Services,
  ctx: RequestContext,
  centreId: string,
  overrides: Partial<DisputeIntakeBody> = {},
): Promise<DisputeDetailView> {
  return services.disputes.intake(ctx, intakeInput(centreId, overrides));
}

/** Applies one workflow event to a case through the service, at its current version (read when not given). */
export async function caseEvent(
  services: Services,
  ctx: RequestContext,
  caseId: string,
  event: DisputeEventFields,
  version?: number,
): Promise<DisputeDetailView> {
  const v = version ?? (await services.disputes.get(ctx, caseId)).version;
  return services.disputes.event(ctx, caseId, { ...validated(disputeEventFields, event), version: v });
}
