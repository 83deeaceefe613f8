import { ROLE_CODES, type HostOrgView, type PartyOrgView, type Role, type UserView } from '@touyan/schemas';
import { createHostOrg, createInstructor, createPartyOrg, createUser } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import type { TestApp } from './harness';

/**
 * Two sibling counties under one city. County A has a user for every role; county B is what
 * they must never reach.
 *
 *   丹东市委社工部 (city)
 *   ├── 振兴区委社工部 (A) ── 振兴区"两新"工委 ── 甲公司党支部
 *   └── 元宝区委社工部 (B) ── 元宝区"两新"工委
 */
export interface World {
  city: PartyOrgView;
  a: { dept: PartyOrgView; committee: PartyOrgView; branch: PartyOrgView; hostOrg: HostOrgView; instructorId: string };
  b: { dept: PartyOrgView; committee: PartyOrgView; hostOrg: HostOrgView };
  /** username of each role's user in county A */
  users: Record<Role, UserView>;
  usernames: Record<Role, string>;
}

export async function buildWorld(t: TestApp, seed = 42): Promise<World> {
  const s = t.services;
  const ctx = t.admin;
  const rng = new Rng(seed);
  const city = await createPartyOrg(
    s,
    ctx,
    { name: '中共丹东市委社会工作部', type: 'sw_dept', regionCode: '210600', parentId: null },
    rng,
  );
  const deptA = await createPartyOrg(
    s,
    ctx,
    { name: '中共振兴区委社会工作部', type: 'sw_dept', regionCode: '210603', parentId: city.id },
    rng,
  );
  const deptB = await createPartyOrg(
    s,
    ctx,
    { name: '中共元宝区委社会工作部', type: 'sw_dept', regionCode: '210602', parentId: city.id },
    rng,
  );
  const committeeA = await createPartyOrg(
    s,
    ctx,
    { name: '振兴区"两新"工委', type: 'two_new_committee', regionCode: '210603', parentId: deptA.id },
    rng,
  );
  const committeeB = await createPartyOrg(
    s,
    ctx,
    { name: '元宝区"两新"工委', type: 'two_new_committee', regionCode: '210602', parentId: deptB.id },
    rng,
  );
  const branchA = await createPartyOrg(
    s,
    ctx,
    { name: '甲公司党支部', type: 'branch', regionCode: '210603', parentId: committeeA.id },
    rng,
  );
  const instructor = await createInstructor(s, ctx, rng, committeeA.id);
  let hostOrgA = await createHostOrg(s, ctx, rng, {
    regionCode: '210603',
    managingOrgId: committeeA.id,
    partyOrgId: branchA.id,
    type: 'private_enterprise',
    name: '丹东甲科技有限公司',
  });
  const hostOrgB = await createHostOrg(s, ctx, rng, {
    regionCode: '210602',
    managingOrgId: committeeB.id,
    type: 'private_enterprise',
    name: '丹东乙物流有限公司',
  });

  const users = {} as Record<Role, UserView>;
  const usernames = {} as Record<Role, string>;
  for (const role of ROLE_CODES) {
    const username = `a_${role}`;
    const orgId =
      role === 'admin'
        ? null
        : role === 'secretary' || role === 'member'
          ? committeeA.id
          : role === 'contact'
            ? branchA.id
            : deptA.id;
    const hostOrgId = role === 'contact' || role === 'employer' ? hostOrgA.id : null;
    users[role] = await createUser(s, ctx, { username, roles: [{ role, orgId, hostOrgId }] }, rng);
    usernames[role] = username;
  }
  // 一企一专员: the specialist of county A is named on 甲公司.
  hostOrgA = await s.hostOrgs.update(ctx, hostOrgA.id, { ...hostOrgA, specialistUserId: users.specialist.id });
  return {
    city,
    a: { dept: deptA, committee: committeeA, branch: branchA, hostOrg: hostOrgA, instructorId: instructor.id },
    b: { dept: deptB, committee: committeeB, hostOrg: hostOrgB },
    users,
    usernames,
  };
}
