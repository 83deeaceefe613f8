import { idNumberCheckChar, workerCreateBody, type WorkerView } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { parseInput } from '../core/validation';
import type { Services } from '../services';
import { personName } from './names';
import { Rng } from './random';

/**
 * Factories for workers (新就业群体, issue 12), shared by the tests and the demo data. They go through
 * the service (same rules as user input). Stable names and signatures: other modules' tests and demos
 * (passes, stations) build on them.
 */

let serial = 0;
const rng = new Rng(20_261_206);

/**
 * A valid GB 11643 ID number, different on every call in this process: the birth date and the
 * sequence digits are taken from a running counter (1000 numbers per birth date).
 */
export function nextIdNumber(regionCode = '320206'): string {
  const n = serial++;
  const base = Date.UTC(1975, 0, 1) + Math.floor(n / 1000) * 86_400_000 * 7;
  const d = new Date(base);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const prefix = `${regionCode}${birth}${String(n % 1000).padStart(3, '0')}`;
  return prefix + idNumberCheckChar(prefix)!;
}

/** A mobile number, different on every call in this process. */
function nextMobile(): string {
  return `139${String(10_000_000 + ((serial * 7919) % 89_999_999)).padStart(8, '0')}`;
}

/** The region of the caller's first bound Party organisation, else 惠山区 (320206). */
async function defaultRegion(s: Services, ctx: RequestContext): Promise<string> {
  const orgId = ctx.actor.bindings.find((b) => b.orgId)?.orgId;
  if (!orgId) return '320206';
  const org = await s.store.repos.partyOrgs.get({ all: true }, orgId);
  return org?.regionCode ?? '320206';
}

export interface WorkerInput {
  name?: string;
  mobile?: string;
  idNumber?: string;
  platform?: string;
  occupation?: string;
  regionCode?: string;
  partyMember?: boolean;
  partyOrgId?: string | null;
  photoId?: string | null;
}

/** The body of a new worker: generated valid values, overridden by `input`. */
export async function workerInput(s: Services, ctx: RequestContext, input: WorkerInput = {}) {
  const regionCode = input.regionCode ?? (await defaultRegion(s, ctx));
  return {
    name: input.name ?? personName(rng),
    mobile: input.mobile ?? nextMobile(),
    idNumber: input.idNumber ?? nextIdNumber(regionCode),
    platform: input.platform ?? 'meituan',
    occupation: input.occupation ?? 'food_delivery',
    regionCode,
    partyMember: input.partyMember ?? false,
    partyOrgId: input.partyOrgId ?? null,
    photoId: input.photoId ?? null,
  };
}

/** A pending worker entered by `ctx` (staff or the administrator). */
export async function createWorker(s: Services, ctx: RequestContext, input: WorkerInput = {}): Promise<WorkerView> {
  return s.workers.create(ctx, parseInput(workerCreateBody, await workerInput(s, ctx, input)));
}

/** A worker entered and verified by `ctx` (who must hold worker.write and worker.verify over the region). */
export async function createVerifiedWorker(
  s: Services,
  ctx: RequestContext,
  input: WorkerInput = {},
): Promise<WorkerView> {
  const w = await createWorker(s, ctx, input);
  return s.workers.verify(ctx, w.id, { version: w.version });
}
