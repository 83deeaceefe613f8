import {
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
import { hashPassword } from '../core/password';
import type { Services } from '../services';
import { creditCode, mobile } from './identifiers';
import { hostOrgName, personName } from './names';
import { Rng } from './random';

/** Input from code passes the same Zod schemas as input from a request. */
export { parseInput as validated };

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

export function createUser(
  services: Services,
  ctx: RequestContext,
  input: {
    username: string;
    displayName?: string;
    mobile?: string | null;
    roles: { role: Role; orgId: string | null; hostOrgId?: string | null }[];
  },
  rng = new Rng(input.username.length),
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
