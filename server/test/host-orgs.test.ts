import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeProblem, type HostOrgView } from '@touyan/schemas';
import { hostOrgInput } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
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

const body = (seed: number, overrides: Record<string, unknown> = {}) => ({
  ...hostOrgInput(new Rng(seed), { regionCode: '210603', managingOrgId: w.a.committee.id }, '丹东'),
  ...overrides,
});

describe(`host organisations (${TEST_DB})`, () => {
  it('refuses a wrong credit code with a Chinese field message and stores nothing', async () => {
    const good = body(1);
    const last = good.creditCode.at(-1)!;
    const wrong = good.creditCode.slice(0, 17) + (last === '0' ? '1' : '0');
    expect(creditCodeProblem(wrong)).toBe('check');
    const before = await call(t.app, staff, 'GET', '/api/host-orgs?withTotal=1');
    const res = await call(t.app, staff, 'POST', '/api/host-orgs', { ...good, creditCode: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().fields.creditCode).toBe('统一社会信用代码校验位不正确，请核对营业执照');
    const after = await call(t.app, staff, 'GET', '/api/host-orgs?withTotal=1');
    expect(after.json().total).toBe(before.json().total);
  });

  it('names the credit code in its English messages too', async () => {
    const good = body(11);
    const last = good.creditCode.at(-1)!;
    const cases = {
      [good.creditCode.slice(0, 17)]: 'The unified social credit code must be 18 characters',
      [`${good.creditCode.slice(0, 17)}I`]:
        'The unified social credit code contains characters outside its alphabet (no I, O, S, V, Z)',
      [good.creditCode.slice(0, 17) + (last === '0' ? '1' : '0')]:
        'The check character of the unified social credit code is wrong; check the business licence',
    };
    for (const [creditCode, message] of Object.entries(cases)) {
      const res = await call(
        t.app,
        staff,
        'POST',
        '/api/host-orgs',
        { ...good, creditCode },
        { 'accept-language': 'en' },
      );
      expect(res.statusCode, creditCode).toBe(400);
      expect(res.json().fields, creditCode).toEqual({ creditCode: message });
    }
  });

  it('calls a number where text belongs, or text where a number belongs, a format error of that field', async () => {
    const res = await call(t.app, staff, 'POST', '/api/host-orgs', { ...body(12), name: 15, staffCount: 'fifteen' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ name: '格式不正确', staffCount: '格式不正确' });
    const { name: _name, ...noName } = body(13);
    const missing = await call(t.app, staff, 'POST', '/api/host-orgs', noName);
    expect(missing.json().fields).toEqual({ name: '必填' });
  });

  it('creates an organisation, derives category and coverage, and writes an audit entry with every field', async () => {
    const input = body(2, { instructorId: w.a.instructorId, partyOrgId: null, type: 'private_enterprise' });
    const res = await call(t.app, staff, 'POST', '/api/host-orgs', input);
    expect(res.statusCode).toBe(200);
    const org = res.json() as HostOrgView;
    expect(org).toMatchObject({
      name: input.name,
      category: 'new_economic',
      coverageStatus: 'work_covered',
      version: 1,
    });
    expect(org.abilities).toEqual(['update']);
    const audit = await call(t.app, staff, 'GET', `/api/audit-logs?entityType=host_org&entityId=${org.id}`);
    const entry = audit.json().items[0];
    expect(entry).toMatchObject({ action: 'create', userName: w.users.staff.displayName, entityLabel: input.name });
    expect(entry.changes).toContainEqual({ field: 'creditCode', before: null, after: input.creditCode });
    expect(entry.ip).toBeTruthy();
  });

  it('refuses a second organisation with the same credit code', async () => {
    const input = body(3);
    expect((await call(t.app, staff, 'POST', '/api/host-orgs', input)).statusCode).toBe(200);
    const dup = await call(t.app, staff, 'POST', '/api/host-orgs', { ...body(4), creditCode: input.creditCode });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CREDIT_CODE_DUPLICATE', message: '该统一社会信用代码已登记' });
  });

  it('updates with the current version, records before and after, and answers 409 to a stale copy', async () => {
    const created = (await call(t.app, staff, 'POST', '/api/host-orgs', body(5))).json() as HostOrgView;
    const first = await call(t.app, staff, 'PATCH', `/api/host-orgs/${created.id}`, {
      ...created,
      staffCount: 321,
      partyOrgId: w.a.branch.id,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ staffCount: 321, version: 2, coverageStatus: 'org_covered' });
    const stale = await call(t.app, staff, 'PATCH', `/api/host-orgs/${created.id}`, { ...created, staffCount: 999 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const now = (await call(t.app, staff, 'GET', `/api/host-orgs/${created.id}`)).json();
    expect(now.staffCount).toBe(321);
    const audit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityId=${created.id}&action=update`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].changes).toContainEqual({ field: 'staffCount', before: created.staffCount, after: 321 });
    expect(audit.items[0].changes).toContainEqual({
      field: 'coverageStatus',
      before: 'uncovered',
      after: 'org_covered',
    });
  });

  it('refuses to place an organisation under a Party organisation of another county', async () => {
    const res = await call(t.app, staff, 'POST', '/api/host-orgs', body(6, { managingOrgId: w.b.committee.id }));
    expect(res.statusCode).toBe(404);
    expect(res.json().fields).toHaveProperty('managingOrgId');
  });

  it('filters by type, size class, coverage, region and text, and pages by keyset without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await call(
        t.app,
        staff,
        'POST',
        '/api/host-orgs',
        body(100 + i, { type: 'social_group', park: '丹东边境经济合作区' }),
      );
    }
    const social = (await call(t.app, staff, 'GET', '/api/host-orgs?type=social_group&withTotal=1&limit=200')).json();
    expect(social.total).toBeGreaterThanOrEqual(7);
    expect(social.items.every((o: HostOrgView) => o.type === 'social_group' && o.category === 'new_social')).toBe(true);
    const parks = (await call(t.app, staff, 'GET', '/api/host-orgs/parks')).json();
    expect(parks.items).toContain('丹东边境经济合作区');
    const inPark = (
      await call(t.app, staff, 'GET', `/api/host-orgs?park=${encodeURIComponent('丹东边境经济合作区')}&withTotal=1`)
    ).json();
    expect(inPark.total).toBe(7);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t.app, staff, 'GET', `/api/host-orgs?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json() as { items: HostOrgView[]; nextCursor: string | null };
      seen.push(...page.items.map((o: HostOrgView) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await call(t.app, staff, 'GET', '/api/host-orgs?limit=200&withTotal=1')).json();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.total);

    const byName = (await call(t.app, staff, 'GET', `/api/host-orgs?q=${encodeURIComponent('甲科技')}`)).json();
    expect(byName.items.map((o: HostOrgView) => o.id)).toEqual([w.a.hostOrg.id]);
    const wildcard = (await call(t.app, staff, 'GET', `/api/host-orgs?q=${encodeURIComponent('%')}`)).json();
    expect(wildcard.items).toHaveLength(0);
    const uncovered = (await call(t.app, staff, 'GET', '/api/host-orgs?coverage=uncovered&limit=200')).json();
    expect(uncovered.items.every((o: HostOrgView) => o.coverageStatus === 'uncovered')).toBe(true);
    const byRegion = (await call(t.app, staff, 'GET', '/api/host-orgs?regionCode=210600&withTotal=1')).json();
    expect(byRegion.total).toBe(all.total);
  });

  it('finds an organisation by a part of its name whatever the letter case, on either database', async () => {
    const input = body(21, { name: '丹东ABC Logistics有限公司' });
    const created = await call(t.app, staff, 'POST', '/api/host-orgs', input);
    expect(created.statusCode).toBe(200);
    const id = created.json().id as string;
    for (const q of ['abc', 'ABC', 'aBc logistics', 'LOGISTICS有限']) {
      const found = (await call(t.app, staff, 'GET', `/api/host-orgs?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.items.map((o: HostOrgView) => o.id),
        q,
      ).toEqual([id]);
    }
    // Wildcards stay literal: '_' is not "any one character".
    const underscore = (await call(t.app, staff, 'GET', `/api/host-orgs?q=${encodeURIComponent('ab_')}`)).json();
    expect(underscore.items).toHaveLength(0);
    // The credit code is found in lower case too.
    const code = input.creditCode.slice(2, 10).toLowerCase();
    const byCode = (await call(t.app, staff, 'GET', `/api/host-orgs?q=${code}`)).json();
    expect(byCode.items.map((o: HostOrgView) => o.id)).toContain(id);
  });

  it('never lists or opens an organisation of a sibling county', async () => {
    const list = (await call(t.app, staff, 'GET', '/api/host-orgs?limit=200')).json();
    expect(list.items.map((o: HostOrgView) => o.id)).not.toContain(w.b.hostOrg.id);
    const res = await call(t.app, staff, 'GET', `/api/host-orgs/${w.b.hostOrg.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '记录不存在或无权查看' });
  });

  it('shows an enterprise contact only their own organisation, without edit rights', async () => {
    const contact = await login(t.app, w.usernames.contact);
    const list = (await call(t.app, contact, 'GET', '/api/host-orgs?withTotal=1')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: w.a.hostOrg.id, abilities: [] });
  });

  it('validates query parameters with a clear error', async () => {
    const res = await call(t.app, staff, 'GET', '/api/host-orgs?limit=100000&sizeClass=huge');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('limit');
    expect(res.json().fields).toHaveProperty('sizeClass');
  });
});
