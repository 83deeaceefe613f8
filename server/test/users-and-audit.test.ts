import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditView, UserView } from '@touyan/schemas';
import { shanghaiDate } from '../src/core/time';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let staff: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  staff = await login(t.app, w.usernames.staff);
});
afterAll(() => t.close());

describe(`users and role bindings (${TEST_DB})`, () => {
  it('creates a user with a role in the staff member’s county; the mobile is stored protected and shown masked', async () => {
    const res = await call(t.app, staff, 'POST', '/api/users', {
      username: 'zx_new_secretary',
      displayName: '周新',
      mobile: '13911112222',
      password: 'Start2025a',
      roles: [{ role: 'secretary', orgId: w.a.committee.id }],
    });
    expect(res.statusCode).toBe(200);
    const user = res.json() as UserView;
    expect(user).toMatchObject({ mobileMasked: '139****2222', disabled: false, locked: false });
    expect(user.roles).toEqual([
      expect.objectContaining({ role: 'secretary', orgId: w.a.committee.id, orgName: '振兴区"两新"工委' }),
    ]);
    const row = await t.services.store.repos.users.byId(user.id);
    expect(row!.mobileEnc).not.toContain('13911112222');
    const me = await login(t.app, 'zx_new_secretary', 'Start2025a');
    const profile = (await call(t.app, me, 'GET', '/api/auth/me')).json();
    expect(profile.mustChangePassword).toBe(true);
  });

  it('never lets staff grant the admin role or a role outside their county', async () => {
    const admin = await call(t.app, staff, 'POST', `/api/users/${w.users.worker.id}/roles`, {
      role: 'admin',
      orgId: w.a.dept.id,
    });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().code).toBe('ROLE_NOT_GRANTABLE');
    const sibling = await call(t.app, staff, 'POST', `/api/users/${w.users.worker.id}/roles`, {
      role: 'staff',
      orgId: w.b.dept.id,
    });
    // Another county's node is out of reach altogether (references resolve through the read scope).
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().fields).toHaveProperty('orgId');
    const roles = (await call(t.app, staff, 'GET', `/api/users/${w.users.worker.id}`)).json().roles;
    expect(roles).toHaveLength(1);
  });

  it('requires a host organisation for an enterprise-contact role', async () => {
    const res = await call(t.app, staff, 'POST', `/api/users/${w.users.worker.id}/roles`, {
      role: 'contact',
      orgId: w.a.branch.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.hostOrgId).toBe('必填');
  });

  it('keeps administrators out of staff reach', async () => {
    const adminId = t.admin.actor.userId;
    expect((await call(t.app, staff, 'GET', `/api/users/${adminId}`)).statusCode).toBe(404);
    const list = (await call(t.app, staff, 'GET', '/api/users?limit=200')).json().items as UserView[];
    expect(list.map((u) => u.id)).not.toContain(adminId);
  });

  it('disables a user: their sessions stop working and log-in is refused', async () => {
    const victim = await login(t.app, w.usernames.station_manager);
    const current = (await call(t.app, staff, 'GET', `/api/users/${w.users.station_manager.id}`)).json() as UserView;
    const res = await call(t.app, staff, 'PATCH', `/api/users/${current.id}`, {
      displayName: current.displayName,
      mobile: null,
      disabled: true,
      version: current.version,
    });
    expect(res.json()).toMatchObject({ disabled: true, mobileMasked: null });
    expect((await call(t.app, victim, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await call(t.app, null, 'POST', '/api/auth/login', {
      login: w.usernames.station_manager,
      password: 'Touyan@2025',
    });
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('filters users by role and by text', async () => {
    const judges = (await call(t.app, staff, 'GET', '/api/users?role=judge')).json().items as UserView[];
    expect(judges.map((u) => u.username)).toEqual(['a_judge']);
    const byText = (await call(t.app, staff, 'GET', '/api/users?q=a_spec')).json().items as UserView[];
    expect(byText.map((u) => u.username)).toEqual(['a_specialist']);
  });
});

describe(`audit log (${TEST_DB})`, () => {
  it('records log-ins and role grants with who, when and the address, filterable by user, action and date', async () => {
    await call(t.app, staff, 'POST', `/api/users/${w.users.member.id}/roles`, { role: 'handler', orgId: w.a.dept.id });
    const today = shanghaiDate();
    const mine = (
      await call(t.app, staff, 'GET', `/api/audit-logs?userId=${staff.userId}&from=${today}&to=${today}`)
    ).json();
    const actions = (mine.items as AuditView[]).map((i) => i.action);
    expect(actions).toContain('grant_role');
    const grant = (mine.items as AuditView[]).find((i) => i.action === 'grant_role')!;
    expect(grant).toMatchObject({
      userName: w.users.staff.displayName,
      entityType: 'user',
      entityId: w.users.member.id,
    });
    expect(grant.ip).toBe('127.0.0.1');
    expect(Date.parse(grant.at)).toBeGreaterThan(Date.now() - 60_000);
    const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
    const none = (await call(t.app, staff, 'GET', `/api/audit-logs?userId=${staff.userId}&to=${yesterday}`)).json();
    expect(none.items).toHaveLength(0);
    const admin = await login(t.app, 'admin');
    const logins = (await call(t.app, admin, 'GET', `/api/audit-logs?action=login&userId=${staff.userId}`)).json();
    expect(logins.items.length).toBeGreaterThanOrEqual(1);
  });

  it('never shows a county user the entries of a sibling county', async () => {
    const entries = (await call(t.app, staff, 'GET', '/api/audit-logs?limit=200')).json().items as AuditView[];
    expect(entries.map((e) => e.entityId)).not.toContain(w.b.hostOrg.id);
    expect(entries.map((e) => e.entityId)).toContain(w.a.hostOrg.id);
  });

  it('never stores a full mobile number in an audit entry', async () => {
    await call(t.app, staff, 'POST', '/api/instructors', {
      name: '冯指导',
      mobile: '13655556666',
      partyOrgId: w.a.committee.id,
    });
    const entries = (await call(t.app, staff, 'GET', '/api/audit-logs?entityType=instructor')).json()
      .items as AuditView[];
    const text = JSON.stringify(entries);
    expect(text).toContain('136****6666');
    expect(text).not.toContain('13655556666');
  });
});
