import { hostOrgCreateBody, type HostOrgCreateBody, type PartyOrgView } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import {
  createInstructor,
  createPartyOrg,
  createUser,
  DEMO_PASSWORD,
  hostOrgInput,
  validated,
} from '../seed/factories';
import { Rng } from '../seed/random';

/** The counties of the bench tree (丹东市, as in the demo data): [name, region code, place]. */
const COUNTIES: readonly (readonly [string, string, string])[] = [
  ['元宝区', '210602', '丹东'],
  ['振兴区', '210603', '丹东'],
  ['振安区', '210604', '丹东'],
  ['宽甸满族自治县', '210624', '宽甸'],
  ['东港市', '210681', '东港'],
  ['凤城市', '210682', '凤城'],
];
/** The county whose staff user the benchmark logs in as. */
export const STAFF_COUNTY = 1;
export const STAFF_USERNAME = 'bench_county_staff';

/** The list filter of scenario (c), counted here so the API's answer can be checked. */
export const FILTER = { sizeClass: 'above', coverage: 'uncovered' } as const;

export interface BenchWorld {
  staff: { login: string; password: string; county: string };
  hostOrgs: number;
  /** Host organisations in the staff user's scope, and those of them matching FILTER. */
  visible: number;
  visibleFiltered: number;
  /** Wall time of the 10k `services.hostOrgs.create` calls, and of the whole seeding. */
  hostOrgMs: number;
  totalMs: number;
  concurrency: number;
  /** The party-organisation tree, for the project benchmark to declare into. */
  tree: BenchTree;
}

export interface BenchTree {
  cityId: string;
  /** In COUNTIES order: each county's "两新"工委. */
  counties: { name: string; place: string; regionCode: string; committeeId: string }[];
}

interface Committee {
  county: number;
  regionCode: string;
  place: string;
  committee: PartyOrgView;
  joint: PartyOrgView;
  instructorIds: string[];
}

/**
 * City sw_dept → 6 county sw_depts → one "两新"工委 each (with a joint branch and two
 * instructors), then `count` host organisations spread over the committees, each created through
 * `services.hostOrgs.create` (validation, scope checks, audit row) exactly as a request would.
 */
export async function seedWorld(
  services: Services,
  admin: RequestContext,
  count: number,
  concurrency: number,
): Promise<BenchWorld> {
  const started = performance.now();
  const rng = new Rng(20_251);
  const city = await createPartyOrg(
    services,
    admin,
    { name: '中共丹东市委社会工作部', type: 'sw_dept', regionCode: '210600', parentId: null },
    rng,
  );
  const committees: Committee[] = [];
  let staffDeptId = '';
  for (const [i, [name, regionCode, place]] of COUNTIES.entries()) {
    const dept = await createPartyOrg(
      services,
      admin,
      { name: `中共${name}委社会工作部`, type: 'sw_dept', regionCode, parentId: city.id },
      rng,
    );
    if (i === STAFF_COUNTY) staffDeptId = dept.id;
    const committee = await createPartyOrg(
      services,
      admin,
      { name: `${name}"两新"工委`, type: 'two_new_committee', regionCode, parentId: dept.id },
      rng,
    );
    const joint = await createPartyOrg(
      services,
      admin,
      { name: `${name}非公企业联合党支部`, type: 'joint_branch', regionCode, parentId: committee.id },
      rng,
    );
    const instructorIds: string[] = [];
    for (let k = 0; k < 2; k++) instructorIds.push((await createInstructor(services, admin, rng, committee.id)).id);
    committees.push({ county: i, regionCode, place, committee, joint, instructorIds });
  }
  await createUser(services, admin, { username: STAFF_USERNAME, roles: [{ role: 'staff', orgId: staffDeptId }] }, rng);

  const { bodies, visible, visibleFiltered } = hostOrgBodies(rng, committees, count);
  const insertStarted = performance.now();
  await inParallel(bodies, concurrency, (body) => services.hostOrgs.create(admin, body));
  const now = performance.now();
  return {
    staff: { login: STAFF_USERNAME, password: DEMO_PASSWORD, county: COUNTIES[STAFF_COUNTY]![0] },
    hostOrgs: count,
    visible,
    visibleFiltered,
    hostOrgMs: now - insertStarted,
    totalMs: now - started,
    concurrency,
    tree: {
      cityId: city.id,
      counties: committees.map((c) => ({
        name: COUNTIES[c.county]![0],
        place: c.place,
        regionCode: c.regionCode,
        committeeId: c.committee.id,
      })),
    },
  };
}

/** Validated create bodies (same schema as a request), with unique credit codes and a coverage mix. */
function hostOrgBodies(rng: Rng, committees: Committee[], count: number) {
  const bodies: HostOrgCreateBody[] = [];
  const codes = new Set<string>();
  let visible = 0;
  let visibleFiltered = 0;
  while (bodies.length < count) {
    const c = rng.pick(committees);
    const input = hostOrgInput(rng, { regionCode: c.regionCode, managingOrgId: c.committee.id }, c.place);
    if (codes.has(input.creditCode)) continue;
    codes.add(input.creditCode);
    const roll = rng.next();
    if (roll < 0.15) input.partyOrgId = c.joint.id;
    else if (roll < 0.45) input.instructorId = rng.pick(c.instructorIds);
    const body = validated(hostOrgCreateBody, input);
    bodies.push(body);
    if (c.county === STAFF_COUNTY) {
      visible++;
      if (body.sizeClass === FILTER.sizeClass && !body.partyOrgId && !body.instructorId) visibleFiltered++;
    }
  }
  return { bodies, visible, visibleFiltered };
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
}
