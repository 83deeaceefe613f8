import {
  addDays,
  campaignCreateBody,
  declarationContentSchema,
  DEFAULT_CRITERIA,
  DEFAULT_THEMES,
  projectCreateBody,
  type CampaignCreateBody,
  type CampaignView,
  type DeclarationContent,
  type ProjectView,
  HOST_ORG_TYPE_CATEGORY,
  hostOrgCreateBody,
  instructorCreateBody,
  partyOrgCreateBody,
  userCreateBody,
  type HostOrgCreateBody,
  type HostOrgType,
  type HostOrgView,
  type InstructorView,
  type PartyOrgCreateBody,
  type PartyOrgView,
  type Role,
  type UserView,
} from '@touyan/schemas';
import { makeActor, type Actor, type RequestContext } from '../core/actor';
import { newId } from '../core/ids';
import { parseInput } from '../core/validation';
import { shanghaiDate } from '../core/time';
import { hashPassword } from '../core/password';
import type { Services } from '../services';
import { creditCode, mobile } from './identifiers';
import { hostOrgName, personName } from './names';
import { Rng } from './random';

/** Input from code passes the same Zod schemas as input from a request. */
export const validated = parseInput;

/**
 * Factories shared by the tests and the demo data. Everything after the first administrator is
 * created through the services, with the same validation and audit as a user's input.
 */
export const DEMO_PASSWORD = 'Touyan@2025';

export function contextFor(actor: Actor, requestId = 'seed'): RequestContext {
  return { actor, ip: null, requestId, locale: 'zh-CN' };
}

export async function actorOf(services: Services, userId: string): Promise<Actor> {
  const user = await services.store.repos.users.byId(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const bindings = await services.store.repos.sessions.bindings(userId);
  return makeActor(
    user,
    bindings.map((b) => ({ id: b.id, role: b.role as Role, orgId: b.orgId, hostOrgId: b.hostOrgId })),
  );
}

/** A demo user's request context, by login name. */
export async function ctxOf(services: Services, username: string): Promise<RequestContext> {
  const u = await services.store.repos.users.byLogin(username, '-');
  if (!u) throw new Error(`demo user ${username} missing`);
  return contextFor(await actorOf(services, u.id), 'seed');
}

/** Beijing wall-clock time 'YYYY-MM-DD HH:mm' → instant (ISO 8601 with +08:00), for replayed dates. */
export const at = (local: string) => `${local.replace(' ', 'T')}:00+08:00`;

/** The very first administrator: no one exists yet to create it through the service. */
export async function bootstrapAdmin(
  services: Services,
  input: { username: string; displayName: string; password: string },
): Promise<Actor> {
  const existing = await services.store.repos.users.byLogin(input.username, '-');
  if (existing) return actorOf(services, existing.id);
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await services.store.tx(async (repos) => {
    await repos.users.insert({
      id,
      username: input.username,
      displayName: input.displayName,
      mobileEnc: null,
      mobileHash: null,
      passwordHash,
      mustChangePassword: false,
      createdBy: null,
    });
    await repos.users.addBinding({ id: newId(), userId: id, role: 'admin', orgId: null, hostOrgId: null }, null);
    await repos.audit.record(
      { userId: null, userName: '系统初始化', ip: null, requestId: 'bootstrap' },
      { action: 'create', entityType: 'user', entityId: id, entityLabel: input.displayName },
    );
  });
  return actorOf(services, id);
}

export function partyOrgInput(
  overrides: Partial<PartyOrgCreateBody> & Pick<PartyOrgCreateBody, 'name' | 'type' | 'regionCode' | 'parentId'>,
  rng = new Rng(1),
): PartyOrgCreateBody {
  return {
    secretaryName: personName(rng),
    secretaryUserId: null,
    contactPhone: mobile(rng),
    establishedOn: `20${rng.int(10, 24)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    memberCount: rng.int(3, 60),
    note: null,
    ...overrides,
  };
}

export function createPartyOrg(
  services: Services,
  ctx: RequestContext,
  overrides: Parameters<typeof partyOrgInput>[0],
  rng?: Rng,
): Promise<PartyOrgView> {
  return services.partyOrgs.create(ctx, parseInput(partyOrgCreateBody, partyOrgInput(overrides, rng)));
}

const SOCIAL_KIND: Partial<Record<HostOrgType, '51' | '52' | '53'>> = {
  social_group: '51',
  private_non_enterprise: '52',
  foundation: '53',
};

export function hostOrgInput(
  rng: Rng,
  overrides: Partial<HostOrgCreateBody> & Pick<HostOrgCreateBody, 'regionCode' | 'managingOrgId'>,
  place = '',
): HostOrgCreateBody {
  const type =
    overrides.type ??
    rng.pick([
      'private_enterprise',
      'private_enterprise',
      'private_enterprise',
      'platform_enterprise',
      'social_group',
      'private_non_enterprise',
    ] as const);
  const { name, industry } = hostOrgName(rng, place, type);
  const isFirm = HOST_ORG_TYPE_CATEGORY[type] === 'new_economic';
  const staff = isFirm ? rng.int(8, 1200) : rng.int(3, 80);
  return {
    name,
    creditCode: creditCode(rng, overrides.regionCode, SOCIAL_KIND[type] ?? '91'),
    type,
    industry,
    sizeClass: isFirm && staff > 150 ? 'above' : 'below',
    park: null,
    address: null,
    staffCount: staff,
    partyMemberCount: Math.min(staff, rng.int(0, Math.max(1, Math.floor(staff / 12)))),
    partyOrgId: null,
    instructorId: null,
    specialistUserId: null,
    ...overrides,
  };
}

export function createHostOrg(
  services: Services,
  ctx: RequestContext,
  rng: Rng,
  overrides: Parameters<typeof hostOrgInput>[1],
  place?: string,
): Promise<HostOrgView> {
  return services.hostOrgs.create(ctx, parseInput(hostOrgCreateBody, hostOrgInput(rng, overrides, place)));
}

/** A stable seed from a text, so each username gets its own fictional name and mobile. */
const seedOf = (text: string) => [...text].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);

export function createUser(
  services: Services,
  ctx: RequestContext,
  input: {
    username: string;
    displayName?: string;
    mobile?: string | null;
    roles: { role: Role; orgId: string | null; hostOrgId?: string | null }[];
  },
  rng = new Rng(seedOf(input.username)),
): Promise<UserView> {
  return services.users.create(
    ctx,
    parseInput(userCreateBody, {
      username: input.username,
      displayName: input.displayName ?? personName(rng),
      mobile: input.mobile === undefined ? mobile(rng) : input.mobile,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      roles: input.roles.map((r) => ({ ...r, hostOrgId: r.hostOrgId ?? null })),
    }),
  );
}

export function createInstructor(
  services: Services,
  ctx: RequestContext,
  rng: Rng,
  partyOrgId: string,
  title: string | null = '党建工作指导员',
): Promise<InstructorView> {
  return services.instructors.create(
    ctx,
    parseInput(instructorCreateBody, { name: personName(rng), mobile: mobile(rng), partyOrgId, title }),
  );
}

// ——— Campaigns and projects ———

export function campaignInput(
  overrides: Partial<CampaignCreateBody> & Pick<CampaignCreateBody, 'orgId'>,
): CampaignCreateBody {
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));
  return {
    name: `${year}年度新兴领域书记项目`,
    year,
    codePrefix: 'DD',
    themes: DEFAULT_THEMES.map((t) => ({ ...t })),
    eligibleOrgTypes: ['two_new_committee', 'park_committee', 'industry_committee', 'composite_committee'],
    criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
    declareFrom: addDays(today, -30),
    declareTo: addDays(today, 30),
    reviewDates: [addDays(today, 40)],
    reportDueDays: 10,
    contestDate: `${year}-12-20`,
    description: null,
    ...overrides,
  };
}

/** A campaign, published unless asked otherwise. */
export async function createCampaign(
  services: Services,
  ctx: RequestContext,
  overrides: Parameters<typeof campaignInput>[0],
  publish = true,
): Promise<CampaignView> {
  const c = await services.campaigns.create(ctx, validated(campaignCreateBody, campaignInput(overrides)));
  return publish ? services.campaigns.setStatus(ctx, c.id, 'publish', c.version) : c;
}

/** A complete declaration (it passes the submit check). */
export function declarationInput(rng: Rng, overrides: Partial<DeclarationContent> = {}): DeclarationContent {
  const today = shanghaiDate();
  return validated(declarationContentSchema, {
    title: `${rng.pick(['推进两个覆盖', '凝聚服务新就业群体', '园区党建提质增效', '党建工作和业务发展同频共振'])}攻坚项目${rng.int(1, 999)}`,
    theme: 'two_coverages',
    targetGroup: 'new_economic',
    problem: '辖区非公企业党组织覆盖率不高，部分企业党建工作底数不清。',
    reachCount: rng.int(20, 200),
    reachUnit: '家',
    reachRationale: '覆盖辖区全部规上非公企业，解决一类企业党组织覆盖不足的问题。',
    objectives: '年内实现规上企业党的组织覆盖率达到90%以上。',
    measures: '摸排走访建台账；发动党员亮身份；选派党建工作指导员；成立联合党支部。',
    milestones: [
      { name: '完成摸排建台账', dueDate: addDays(today, 60) },
      { name: '选派指导员全覆盖', dueDate: addDays(today, 150) },
    ],
    indicators: [
      { name: '新建党组织', unit: '个', baseline: 0, target: rng.int(5, 30) },
      { name: '选派指导员', unit: '名', baseline: rng.int(0, 5), target: rng.int(10, 40) },
    ],
    team: [{ name: '王明', role: '联络员', userId: null }],
    partners: ['市场监管局'],
    fundingFen: rng.int(1, 50) * 1_000_000,
    fundingSource: '党费补助',
    attachmentIds: [],
    ...overrides,
  });
}

/** A draft declaration by a secretary (ctx must be the secretary's). */
export function createProject(
  services: Services,
  secretaryCtx: RequestContext,
  input: { campaignId: string; orgId: string; content: DeclarationContent },
): Promise<ProjectView> {
  return services.projects.create(secretaryCtx, validated(projectCreateBody, input));
}

/** A submitted declaration. */
export async function submitProject(
  services: Services,
  secretaryCtx: RequestContext,
  input: { campaignId: string; orgId: string; content: DeclarationContent },
): Promise<ProjectView> {
  const p = await createProject(services, secretaryCtx, input);
  return services.projects.fire(secretaryCtx, p.id, 'submit', { version: p.version });
}
