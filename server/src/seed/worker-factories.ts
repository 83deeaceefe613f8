import { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import { idNumberCheckChar, workerCreateBody, type WorkerPlatform, type WorkerView } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { parseInput } from '../core/validation';
import type { Services } from '../services';
import { personName } from './names';
import { riderPortrait } from './portrait';
import { Rng } from './random';

/**
 * Factories for workers (新就业群体, issue 12), shared by the tests and the demo data. They go through
 * the service (same rules as user input). Stable names and signatures: other modules' tests and demos
 * (passes, stations) build on them.
 */

let serial = 0;
const rng = new Rng(20_261_206);

/** Birth days spread over 1970–2002: 7919 is prime to BIRTH_DAYS, so the first BIRTH_DAYS calls differ. */
const BIRTH_DAYS = 12_000;

/**
 * A valid GB 11643 ID number, different on every call in this process: the running counter picks
 * a distinct birth date (and, past BIRTH_DAYS calls, distinct sequence digits).
 */
export function nextIdNumber(regionCode = '320206'): string {
  const n = serial++;
  const d = new Date(Date.UTC(1970, 0, 1) + ((n * 7919) % BIRTH_DAYS) * 86_400_000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const seq = (100 + ((n * 37) % 800) + Math.floor(n / BIRTH_DAYS)) % 1000;
  const prefix = `${regionCode}${birth}${String(seq).padStart(3, '0')}`;
  return prefix + idNumberCheckChar(prefix)!;
}

const MOBILE_PREFIXES = ['135', '136', '138', '139', '150', '152', '158', '177', '186', '187', '189', '199'];
let mobiles = 0;
/** A mobile number, different on every call in this process. */
function nextMobile(): string {
  const n = mobiles++;
  return `${MOBILE_PREFIXES[n % MOBILE_PREFIXES.length]}${String((n * 7_919_317 + 1_234_567) % 100_000_000).padStart(8, '0')}`;
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

/**
 * A registration photo uploaded by `ctx` through the attachments service (the worker-photo upload: a
 * JPEG or PNG checked on its bytes), drawn for `seed` in `platform`'s jacket; its id goes into a
 * worker's `photoId` saved by the same account.
 */
export async function uploadWorkerPhoto(
  s: Services,
  ctx: RequestContext,
  seed: number,
  platform: WorkerPlatform,
): Promise<string> {
  async function* parts() {
    yield {
      type: 'file',
      fieldname: 'file',
      filename: '登记照片.png',
      file: Readable.from([riderPortrait(seed, platform)]),
    } as unknown as Multipart;
  }
  return (await s.attachments.upload(ctx, parts(), { photo: true, worker: true })).id;
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
