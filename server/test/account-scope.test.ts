/**
 * Attacks from a county staff account on users and links above or beside its county (issue #8):
 * taking over a user who also holds a higher binding, orphaning a user by revoking their last role,
 * and linking another county's instructor or specialist to a county record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostOrgView, UserView } from '@touyan/schemas';
import { createInstructor, createUser, DEMO_PASSWORD } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let staff: Session;
const rng = new Rng(808);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  staff = await login(t.app, w.usernames.staff);
});
afterAll(() => t.close());

/** A user made by the administrator with the given bindings. */
const userWith = (username: string, roles: { role: 'staff' | 'judge' | 'worker' | 'specialist'; orgId: string }[]) =>
  createUser(t.services, t.admin, { username, roles }, rng);

describe(`staff manage only users whose every binding lies in their scope (${TEST_DB})`, () => {
  it('shows a user with a city binding and a county binding to county staff read-only, and refuses every management action', async () => {
    // The reproduction: staff@丹东市委社工部 + judge@振兴区"两新"工委.
    const mixed = await userWith('mixed_city_staff', [
      { role: 'staff', orgId: w.city.id },
      { role: 'judge', orgId: w.a.committee.id },
    ]);
    const seen = await call(t.app, staff, 'GET', `/api/users/${mixed.id}`);
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as UserView).abilities).toEqual([]);
    const listed = (await call(t.app, staff, 'GET', '/api/users?q=mixed_city_staff')).json().items as UserView[];
    expect(listed.map((u) => [u.id, u.abilities])).toEqual([[mixed.id, []]]);

    const attempts = [
      call(t.app, staff, 'POST', `/api/users/${mixed.id}/reset-password`, { newPassword: 'Taken2026x' }),
      call(t.app, staff, 'PATCH', `/api/users/${mixed.id}`, {
        displayName: mixed.displayName,
        disabled: true,
        version: mixed.version,
      }),
      call(t.app, staff, 'POST', `/api/users/${mixed.id}/roles`, { role: 'worker', orgId: w.a.dept.id }),
      call(t.app, staff, 'DELETE', `/api/users/${mixed.id}/roles/${mixed.roles.find((r) => r.role === 'judge')!.id}`),
      call(t.app, staff, 'POST', `/api/users/${mixed.id}/unlock`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    // Nothing changed: the old password still works, the account is enabled with both roles.
    await expect(login(t.app, 'mixed_city_staff', DEMO_PASSWORD)).resolves.toBeDefined();
    const after = (await call(t.app, await login(t.app, 'admin'), 'GET', `/api/users/${mixed.id}`)).json() as UserView;
    expect(after).toMatchObject({ disabled: false, version: mixed.version });
    expect(after.roles).toHaveLength(2);
  });

  it('still lets county staff manage a user whose bindings all lie in the county', async () => {
    const local = await userWith('zx_two_roles', [
      { role: 'judge', orgId: w.a.committee.id },
      { role: 'worker', orgId: w.a.dept.id },
    ]);
    const seen = (await call(t.app, staff, 'GET', `/api/users/${local.id}`)).json() as UserView;
    expect(seen.abilities).toContain('resetPassword');
    const reset = await call(t.app, staff, 'POST', `/api/users/${local.id}/reset-password`, {
      newPassword: 'Fresh2026x',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    await expect(login(t.app, 'zx_two_roles', 'Fresh2026x')).resolves.toBeDefined();
  });

  it('keeps the administrator out of staff reach even when the administrator also holds a county binding', async () => {
    const admin2 = await createUser(
      t.services,
      t.admin,
      {
        username: 'second_admin',
        roles: [
          { role: 'admin', orgId: null },
          { role: 'judge', orgId: w.a.committee.id },
        ],
      },
      rng,
    );
    const res = await call(t.app, staff, 'POST', `/api/users/${admin2.id}/reset-password`, {
      newPassword: 'Taken2026x',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe(`revoking roles (${TEST_DB})`, () => {
  it('refuses to grant a role the user already holds on the same organisation, and changes nothing', async () => {
    const u = await userWith('zx_grant_twice', [{ role: 'judge', orgId: w.a.committee.id }]);
    const again = await call(t.app, staff, 'POST', `/api/users/${u.id}/roles`, {
      role: 'judge',
      orgId: w.a.committee.id,
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE', fields: { role: expect.any(String) } });
    const after = (await call(t.app, staff, 'GET', `/api/users/${u.id}`)).json() as UserView;
    expect(after.roles).toHaveLength(1);
    expect(after.version).toBe(u.version);
    // The same role on another organisation is a new binding.
    const other = await call(t.app, staff, 'POST', `/api/users/${u.id}/roles`, { role: 'judge', orgId: w.a.dept.id });
    expect(other.statusCode, other.body).toBe(200);
    expect((other.json() as UserView).roles).toHaveLength(2);
  });

  it('answers with the user after revoking one of two county roles', async () => {
    const u = await userWith('zx_revoke_one', [
      { role: 'judge', orgId: w.a.committee.id },
      { role: 'worker', orgId: w.a.dept.id },
    ]);
    const judge = u.roles.find((r) => r.role === 'judge')!;
    const res = await call(t.app, staff, 'DELETE', `/api/users/${u.id}/roles/${judge.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as UserView).roles.map((r) => r.role)).toEqual(['worker']);
  });

  it('refuses to revoke a user’s last role (the account would fall out of every scope), and changes nothing', async () => {
    const u = await userWith('zx_revoke_last', [{ role: 'worker', orgId: w.a.dept.id }]);
    const res = await call(t.app, staff, 'DELETE', `/api/users/${u.id}/roles/${u.roles[0]!.id}`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'LAST_ROLE' });
    expect(res.json().message).toContain('停用');
    const still = (await call(t.app, staff, 'GET', `/api/users/${u.id}`)).json() as UserView;
    expect(still.roles).toHaveLength(1);
    expect(still.abilities).toContain('update');
  });
});

describe(`references in write bodies stay inside the caller's scope (${TEST_DB})`, () => {
  it('refuses to link another county’s instructor or another region’s specialist to a county host organisation', async () => {
    const instructorB = await createInstructor(t.services, t.admin, rng, w.b.committee.id);
    const specialistElsewhere = await userWith('hy_like_specialist', [{ role: 'specialist', orgId: w.b.dept.id }]);
    const host = (await call(t.app, staff, 'GET', `/api/host-orgs/${w.a.hostOrg.id}`)).json() as HostOrgView;
    const body = {
      name: host.name,
      creditCode: host.creditCode,
      type: host.type,
      industry: host.industry,
      sizeClass: host.sizeClass,
      regionCode: host.regionCode,
      park: host.park,
      address: host.address,
      staffCount: host.staffCount,
      partyMemberCount: host.partyMemberCount,
      managingOrgId: host.managingOrgId,
      partyOrgId: host.partyOrgId,
      instructorId: host.instructorId,
      specialistUserId: host.specialistUserId,
      version: host.version,
    };
    const viaInstructor = await call(t.app, staff, 'PATCH', `/api/host-orgs/${host.id}`, {
      ...body,
      instructorId: instructorB.id,
    });
    expect(viaInstructor.statusCode).toBe(404);
    expect(viaInstructor.json()).toMatchObject({ code: 'NOT_FOUND', fields: { instructorId: expect.any(String) } });
    const viaSpecialist = await call(t.app, staff, 'PATCH', `/api/host-orgs/${host.id}`, {
      ...body,
      specialistUserId: specialistElsewhere.id,
    });
    expect(viaSpecialist.statusCode).toBe(404);
    expect(viaSpecialist.json().fields).toEqual({ specialistUserId: '所选记录不存在或无权查看' });
    // The record is as it was, and the other county's specialist cannot read it.
    const after = (await call(t.app, staff, 'GET', `/api/host-orgs/${host.id}`)).json() as HostOrgView;
    expect(after).toMatchObject({ version: host.version, instructorId: host.instructorId });
    const spy = await login(t.app, 'hy_like_specialist');
    expect((await call(t.app, spy, 'GET', `/api/host-orgs/${host.id}`)).statusCode).toBe(404);
  });

  it('refuses a contest judge from outside the organiser’s scope', async () => {
    const judgeB = await userWith('yb_judge', [{ role: 'judge', orgId: w.b.dept.id }]);
    const res = await call(t.app, staff, 'POST', '/api/contests', {
      campaignId: '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
      name: '振兴区比武',
      contestDate: '2026-12-20',
      venue: '振兴区委党校',
      projectIds: ['01ZZZZZZZZZZZZZZZZZZZZZZZY'],
      judgeIds: [w.users.judge.id, judgeB.id],
    });
    expect(res.statusCode).toBe(404);
    // Every reference outside the caller's scope is named, not only the first.
    expect(Object.keys(res.json().fields).sort()).toEqual(['campaignId', 'judgeIds.1', 'projectIds.0']);
  });
});
