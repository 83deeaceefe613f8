import {
  demandCreateBody,
  demandRouteBody,
  departmentBody,
  type DemandCategory,
  type DemandDetailView,
  type DemandStatus,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { parseInput } from '../core/validation';

/** Factories for demands (诉求), shared by the tests and the demo data. */
export function createDepartment(
  s: Services,
  ctx: RequestContext,
  input: { name: string; orgId: string; memberIds?: string[]; active?: boolean },
) {
  return s.demands.createDepartment(ctx, parseInput(departmentBody, input));
}

export function createDemandRoute(
  s: Services,
  ctx: RequestContext,
  input: {
    orgId: string;
    category: DemandCategory;
    departmentId: string;
    signDays?: number;
    replyDays?: number;
    resolveDays?: number;
  },
) {
  return s.demands.createRoute(ctx, parseInput(demandRouteBody, input));
}

export function demandInput(overrides: Record<string, unknown> & { hostOrgId: string }) {
  return {
    category: 'policy',
    source: 'staff',
    title: '申请高新技术企业认定政策辅导',
    description: '企业希望了解高新技术企业认定的条件和申报流程，请相关部门上门辅导。',
    ...overrides,
  };
}

export function createDemand(
  s: Services,
  ctx: RequestContext,
  input: Record<string, unknown> & { hostOrgId: string },
): Promise<DemandDetailView> {
  return s.demands.create(ctx, parseInput(demandCreateBody, demandInput(input)));
}

/**
 * Moves a fresh demand along the main path up to `to` (received → accepted → in_progress →
 * resolved), as the lead department's handler.
 */
export async function advanceDemand(
  s: Services,
  handler: RequestContext,
  d: DemandDetailView,
  to: DemandStatus,
): Promise<DemandDetailView> {
  const order: DemandStatus[] = ['received', 'accepted', 'in_progress', 'resolved'];
  let cur = d;
  while (order.indexOf(cur.status) < order.indexOf(to)) {
    if (cur.status === 'received') cur = await s.demands.accept(handler, cur.id, { version: cur.version });
    else if (cur.status === 'accepted')
      cur = await s.demands.reply(handler, cur.id, { version: cur.version, note: '已联系企业，正在办理' });
    else if (cur.status === 'in_progress')
      cur = await s.demands.resolve(handler, cur.id, {
        version: cur.version,
        note: '已完成政策辅导',
        amountGrantedFen: null,
      });
    else break;
  }
  return cur;
}
