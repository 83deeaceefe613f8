import {
  hostOrgCreateBody,
  hostOrgUpdateBody,
  partyOrgUpdateBody,
  type HostOrgCreateBody,
  type HostOrgType,
  type HostOrgView,
  type PartyOrgType,
  type PartyOrgView,
  type Role,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { createInstructor, createPartyOrg, createUser, hostOrgInput, partyOrgInput, validated } from './factories';
import { personName } from './names';
import { Rng } from './random';

/** A responsible committee and the host organisations it manages. */
interface CommitteeSpec {
  name: string;
  type: PartyOrgType;
  regionCode: string;
  place: string;
  hostOrgs: number;
  park?: string;
  /** Share of firms above designated size (规上); the rest follow staff numbers. */
  aboveShare?: number;
  types?: HostOrgType[];
}

interface CountySpec {
  key: string;
  name: string;
  regionCode: string;
  committees: CommitteeSpec[];
}

interface LocalitySpec {
  key: string;
  rootName: string;
  regionCode: string;
  counties: CountySpec[];
  committees: CommitteeSpec[];
}

const twoNew = (county: string, region: string, place: string, n: number): CommitteeSpec => ({
  name: `${county}"两新"工委`,
  type: 'two_new_committee',
  regionCode: region,
  place,
  hostOrgs: n,
});

const dandongCounty = (key: string, name: string, region: string, place: string, n: number): CountySpec => ({
  key,
  name: `中共${name}委社会工作部`,
  regionCode: region,
  committees: [twoNew(name, region, place, n)],
});

/** The four seed localities of DOMAIN.md §5. Names of people and firms are fictional. */
export const LOCALITIES: LocalitySpec[] = [
  {
    key: 'dd',
    rootName: '中共丹东市委社会工作部',
    regionCode: '210600',
    counties: [
      dandongCounty('yb', '元宝区', '210602', '丹东', 15),
      dandongCounty('zx', '振兴区', '210603', '丹东', 20),
      dandongCounty('za', '振安区', '210604', '丹东', 12),
      dandongCounty('kd', '宽甸满族自治县', '210624', '宽甸', 10),
      dandongCounty('dg', '东港市', '210681', '东港', 18),
      dandongCounty('fc', '凤城市', '210682', '凤城', 12),
    ],
    committees: [
      {
        name: '丹东边境经济合作区企业党委',
        type: 'park_committee',
        regionCode: '210603',
        place: '丹东',
        hostOrgs: 15,
        park: '丹东边境经济合作区',
        types: ['private_enterprise', 'foreign_enterprise'],
      },
      {
        name: '东港经济开发区企业党委',
        type: 'park_committee',
        regionCode: '210681',
        place: '东港',
        hostOrgs: 12,
        park: '东港经济开发区',
        types: ['private_enterprise'],
      },
    ],
  },
  {
    key: 'hy',
    rootName: '中共海阳市委社会工作部',
    regionCode: '370687',
    counties: [],
    committees: [
      twoNew('海阳市', '370687', '海阳', 30),
      {
        name: '海阳市物流快递行业党委',
        type: 'industry_committee',
        regionCode: '370687',
        place: '海阳',
        hostOrgs: 12,
        types: ['private_enterprise', 'platform_enterprise'],
      },
      {
        name: '海阳市商务楼宇综合党委',
        type: 'composite_committee',
        regionCode: '370687',
        place: '海阳',
        hostOrgs: 10,
      },
      {
        name: '海阳经济开发区企业党委',
        type: 'park_committee',
        regionCode: '370687',
        place: '海阳',
        hostOrgs: 20,
        park: '海阳经济开发区',
        types: ['private_enterprise'],
      },
    ],
  },
  {
    key: 'fs',
    rootName: '中共富顺县委社会工作部',
    regionCode: '510322',
    counties: [],
    committees: [
      { ...twoNew('富顺县', '510322', '富顺', 25), aboveShare: 0.8 },
      {
        name: '富顺县科技创新综合党委',
        type: 'composite_committee',
        regionCode: '510322',
        place: '富顺',
        hostOrgs: 30,
        park: '富顺经济开发区',
        aboveShare: 0.95,
        types: ['private_enterprise'],
      },
      {
        name: '富顺县纺织服装行业党委',
        type: 'industry_committee',
        regionCode: '510322',
        place: '富顺',
        hostOrgs: 25,
        aboveShare: 0.95,
        types: ['private_enterprise'],
      },
      {
        name: '富顺县物流行业党委',
        type: 'industry_committee',
        regionCode: '510322',
        place: '富顺',
        hostOrgs: 15,
        aboveShare: 0.7,
        types: ['private_enterprise', 'platform_enterprise'],
      },
    ],
  },
  {
    key: 'hs',
    rootName: '中共无锡市惠山区委社会工作部',
    regionCode: '320206',
    counties: [],
    committees: [
      twoNew('惠山区', '320206', '无锡', 20),
      {
        name: '惠山区新就业群体行业党委',
        type: 'industry_committee',
        regionCode: '320206',
        place: '无锡',
        hostOrgs: 10,
        types: ['platform_enterprise', 'private_enterprise'],
      },
      {
        name: '惠山经济开发区企业党委',
        type: 'park_committee',
        regionCode: '320206',
        place: '无锡',
        hostOrgs: 20,
        park: '惠山经济开发区',
        types: ['private_enterprise'],
      },
      {
        name: '惠山区商务楼宇综合党委',
        type: 'composite_committee',
        regionCode: '320206',
        place: '无锡',
        hostOrgs: 10,
      },
    ],
  },
];

/** Roles whose demo account is bound to the locality's root node. */
const ROOT_ROLES: Role[] = [
  'staff',
  'judge',
  'specialist',
  'handler',
  'worker',
  'guard',
  'station_manager',
  'mediator',
];
const USERNAME: Partial<Record<Role, string>> = { station_manager: 'station' };

export interface SeededLocality {
  key: string;
  root: PartyOrgView;
  committees: PartyOrgView[];
  hostOrgIds: string[];
}

async function seedCommittee(
  services: Services,
  ctx: RequestContext,
  rng: Rng,
  parent: PartyOrgView,
  spec: CommitteeSpec,
): Promise<{ committee: PartyOrgView; hostOrgIds: string[]; branchOf: Map<string, string> }> {
  const committee = await createPartyOrg(
    services,
    ctx,
    { name: spec.name, type: spec.type, regionCode: spec.regionCode, parentId: parent.id },
    rng,
  );
  const instructors = [];
  for (let i = 0; i < 2; i++) instructors.push(await createInstructor(services, ctx, rng, committee.id));
  const joint = await createPartyOrg(
    services,
    ctx,
    {
      name: `${spec.name.replace(/"两新"工委|企业党委|行业党委|综合党委/, '')}非公企业联合党支部`,
      type: 'joint_branch',
      regionCode: spec.regionCode,
      parentId: committee.id,
    },
    rng,
  );
  const hostOrgIds: string[] = [];
  const branchOf = new Map<string, string>();
  // The ledger's details (issue 11) draw from their own generator, so the rest of the demo stays as it was.
  const lr = new Rng([...spec.name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 11));
  for (let i = 0; i < spec.hostOrgs; i++) {
    const body = hostOrgInput(
      rng,
      {
        regionCode: spec.regionCode,
        managingOrgId: committee.id,
        park: spec.park ?? null,
        ...(spec.types ? { type: rng.pick(spec.types) } : {}),
      },
      spec.place,
    );
    if (spec.aboveShare !== undefined && body.type !== 'social_group' && body.type !== 'private_non_enterprise') {
      const above = rng.chance(spec.aboveShare);
      body.sizeClass = above ? 'above' : 'below';
      body.staffCount = above ? rng.int(160, 1500) : rng.int(10, 140);
    }
    const roll = rng.next();
    if (roll < 0.42 && body.partyMemberCount >= 3) {
      const branch = await createPartyOrg(
        services,
        ctx,
        {
          name: `${body.name}党支部`,
          type: 'branch',
          regionCode: spec.regionCode,
          parentId: committee.id,
          memberCount: body.partyMemberCount,
        },
        rng,
      );
      body.partyOrgId = branch.id;
    } else if (roll < 0.52) {
      body.partyOrgId = joint.id;
    } else if (roll < 0.8) {
      body.instructorId = rng.pick(instructors).id;
    }
    Object.assign(body, ledgerFields(lr, body, joint.id));
    const org = await services.hostOrgs.create(ctx, validated(hostOrgCreateBody, body));
    await seedLedgerItems(services, ctx, lr, org);
    hostOrgIds.push(org.id);
    if (org.partyOrgId) branchOf.set(org.id, org.partyOrgId);
  }
  return { committee, hostOrgIds, branchOf };
}

const day = (rng: Rng, from: number, to: number) =>
  `${rng.int(from, to)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

/** 两个覆盖 and "三有" for a seeded organisation: realistic mixes of own/joint/none, liaisons and reasons. */
function ledgerFields(rng: Rng, body: HostOrgCreateBody, jointId: string): Partial<HostOrgCreateBody> {
  const hasFixedPremises = rng.chance(0.8);
  const operatingNormally = rng.chance(0.93);
  if (body.partyOrgId) {
    return {
      orgCoverageKind: body.partyOrgId === jointId ? 'joint' : 'own',
      orgFormedOn: day(rng, 2012, 2024),
      hasFixedPremises,
      operatingNormally,
    };
  }
  const liaison = !body.instructorId && rng.chance(0.45);
  return {
    orgCoverageKind: 'none',
    notFormedReason:
      body.partyMemberCount < 3
        ? 'few_members'
        : rng.pick(['small_scale', 'high_turnover', 'forming', 'forming'] as const),
    notFormedNote: rng.chance(0.2) ? '已列入年度组建计划' : null,
    liaisonName: liaison ? personName(rng) : null,
    workCoveredSince: body.instructorId || liaison ? day(rng, 2020, 2024) : null,
    hasFixedPremises,
    operatingNormally,
  };
}

const PARTY_POSTS = ['党支部书记', '党支部副书记', '组织委员', '宣传委员', '纪检委员'] as const;
const MANAGEMENT_POSTS = ['总经理', '副总经理', '人力资源总监', '生产部经理', '行政部主任', '财务总监'] as const;
const POSITIONS = ['车间主任', '技术员', '质检员', '销售经理', '班组长', '办公室文员', '仓储主管'] as const;

/** 交叉任职 for organisations with a Party organisation, and Party members who 亮身份. */
async function seedLedgerItems(services: Services, ctx: RequestContext, rng: Rng, org: HostOrgView) {
  if (org.orgCoverageKind === 'none') return;
  for (let i = 0, n = rng.int(0, 2); i < n; i++) {
    await services.hostOrgs.createCrossPost(ctx, org.id, {
      personName: personName(rng),
      partyPost: PARTY_POSTS[i === 0 ? 0 : rng.int(1, PARTY_POSTS.length - 1)]!,
      managementPost: rng.pick([...MANAGEMENT_POSTS]),
      since: day(rng, 2016, 2024),
      until: null,
    });
  }
  for (let i = 0, n = Math.min(org.partyMemberCount, rng.int(1, 4)); i < n; i++) {
    await services.hostOrgs.createPartyMember(ctx, org.id, {
      name: personName(rng),
      position: rng.pick([...POSITIONS]),
      partyPost: rng.chance(0.25) ? rng.pick([...PARTY_POSTS]) : null,
      shownSince: day(rng, 2019, 2025),
      note: rng.chance(0.2) ? '党员示范岗' : null,
    });
  }
}

/** Builds one locality: its tree, host organisations and one demo account per role. */
async function seedLocality(
  services: Services,
  ctx: RequestContext,
  spec: LocalitySpec,
  seed: number,
): Promise<SeededLocality> {
  const rng = new Rng(seed);
  const root = await createPartyOrg(
    services,
    ctx,
    { name: spec.rootName, type: 'sw_dept', regionCode: spec.regionCode, parentId: null },
    rng,
  );
  const committees: PartyOrgView[] = [];
  const hostOrgIds: string[] = [];
  const branchOf = new Map<string, string>();
  const collect = (r: Awaited<ReturnType<typeof seedCommittee>>) => {
    committees.push(r.committee);
    hostOrgIds.push(...r.hostOrgIds);
    r.branchOf.forEach((v, k) => branchOf.set(k, v));
  };
  for (const county of spec.counties) {
    const dept = await createPartyOrg(
      services,
      ctx,
      { name: county.name, type: 'sw_dept', regionCode: county.regionCode, parentId: root.id },
      rng,
    );
    for (const c of county.committees) collect(await seedCommittee(services, ctx, rng, dept, c));
    await createUser(
      services,
      ctx,
      { username: `${spec.key}_${county.key}_staff`, roles: [{ role: 'staff', orgId: dept.id }] },
      rng,
    );
  }
  for (const c of spec.committees) collect(await seedCommittee(services, ctx, rng, root, c));

  for (const role of ROOT_ROLES) {
    await createUser(
      services,
      ctx,
      { username: `${spec.key}_${USERNAME[role] ?? role}`, roles: [{ role, orgId: root.id }] },
      rng,
    );
  }
  // The first committee's secretary leads projects; a member works with them.
  const lead = committees[0]!;
  const secretary = await createUser(
    services,
    ctx,
    {
      username: `${spec.key}_secretary`,
      displayName: lead.secretaryName,
      roles: [{ role: 'secretary', orgId: lead.id }],
    },
    rng,
  );
  await services.partyOrgs.update(
    ctx,
    lead.id,
    validated(partyOrgUpdateBody, {
      ...partyOrgInput({ name: lead.name, type: lead.type, regionCode: lead.regionCode, parentId: root.id }, rng),
      secretaryName: lead.secretaryName,
      secretaryUserId: secretary.id,
      version: lead.version,
    }),
  );
  await createUser(services, ctx, { username: `${spec.key}_member`, roles: [{ role: 'member', orgId: lead.id }] }, rng);

  // An enterprise contact for a covered firm, an employer for a platform or firm.
  const covered = hostOrgIds.find((id) => branchOf.has(id))!;
  await createUser(
    services,
    ctx,
    {
      username: `${spec.key}_contact`,
      roles: [{ role: 'contact', orgId: branchOf.get(covered)!, hostOrgId: covered }],
    },
    rng,
  );
  const employerOrg = await services.hostOrgs.get(ctx, hostOrgIds[hostOrgIds.length - 1]!);
  await createUser(
    services,
    ctx,
    {
      username: `${spec.key}_employer`,
      roles: [{ role: 'employer', orgId: employerOrg.managingOrgId, hostOrgId: employerOrg.id }],
    },
    rng,
  );

  // 一企一专员: the specialist is named on a share of the locality's firms.
  const specialist = await services.users.list(ctx, { q: `${spec.key}_specialist`, limit: 1 });
  const specialistId = specialist.items[0]!.id;
  // 县领导定点联系: the locality's staff account stands in for the leader on every eighth firm.
  const leader = await services.users.list(ctx, { q: `${spec.key}_staff`, limit: 1 });
  const leaderId = leader.items[0]?.id ?? null;
  // The enterprise contact's firm is among them, so its demands can go from a visit to a rating.
  for (const [n, id] of hostOrgIds.filter((id, i) => i % 4 === 0 || id === covered).entries()) {
    const org = await services.hostOrgs.get(ctx, id);
    await services.hostOrgs.update(
      ctx,
      id,
      validated(hostOrgUpdateBody, {
        ...org,
        address: org.address ?? `${org.regionName}${personName(rng).slice(0, 2)}路${rng.int(1, 399)}号`,
        specialistUserId: specialistId,
        leaderContactUserId: n % 2 === 0 ? leaderId : org.leaderContactUserId,
        assignmentReason: '一企一专员、县领导定点联系',
      }),
    );
  }
  return { key: spec.key, root, committees, hostOrgIds };
}

export async function seedDemo(services: Services, ctx: RequestContext): Promise<SeededLocality[]> {
  const out: SeededLocality[] = [];
  let seed = 2025;
  for (const spec of LOCALITIES) out.push(await seedLocality(services, ctx, spec, seed++));
  return out;
}
