import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_ORG_TYPES, INDUSTRIES, SIZE_CLASSES } from '@touyan/schemas';
import { JOB_NAMES } from '../src/background';
import { LEDGER_HEADERS } from '../src/modules/host-orgs/host-orgs.sheet';
import { createUser, hostOrgInput } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { idle, inlineSheet, sheet, uploadAndWait, uploadReq } from './ledger-sheets';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let staff: Session;
let bStaff: Session;
const A_PATH = '中共丹东市委社会工作部/中共振兴区委社会工作部/振兴区"两新"工委';

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  staff = await login(t.app, w.usernames.staff);
  const b = await createUser(
    t.services,
    t.admin,
    { username: 'ledger_b_staff2', roles: [{ role: 'staff', orgId: w.b.dept.id }] },
    new Rng(5),
  );
  bStaff = await login(t.app, b.username);
});
afterAll(async () => {
  await idle(t);
  await t.close();
});

/** One sheet row for a generated host organisation of county A. */
function row(seed: number, over: Partial<Record<(typeof LEDGER_HEADERS)[number], string | number | null>> = {}) {
  const h = hostOrgInput(new Rng(seed), { regionCode: '210603', managingOrgId: w.a.committee.id }, '丹东');
  const v: Record<string, string | number | null> = {
    单位名称: h.name,
    统一社会信用代码: h.creditCode,
    单位类型: HOST_ORG_TYPES[h.type]['zh-CN'],
    所属行业: INDUSTRIES[h.industry]['zh-CN'],
    规模: SIZE_CLASSES[h.sizeClass]['zh-CN'],
    行政区划代码: '210603',
    行政区划名称: '振兴区',
    所在园区: null,
    地址: null,
    从业人员数: h.staffCount,
    党员数: h.partyMemberCount,
    主管党组织: A_PATH,
    所建党组织: null,
    党建指导员: null,
    '企业专员（登录名）': null,
    组织覆盖方式: null,
    组建日期: null,
    // 未组建 (no Party organisation given) needs its reason; a row linking one overrides it with null.
    未组建原因: over.所建党组织 ? null : '企业规模小',
    未组建原因说明: null,
    联络员: null,
    工作覆盖起始日期: null,
    有固定场所: null,
    正常经营: null,
    '县领导定点联系（登录名）': null,
    ...over,
  };
  return LEDGER_HEADERS.map((k) => v[k] ?? null);
}

const commit = (s: Session, id: string, mode: string) =>
  call(t.app, s, 'POST', `/api/host-orgs/imports/${id}/commit`, { mode });
const getImport = async (s: Session, id: string) =>
  (await call(t.app, s, 'GET', `/api/host-orgs/imports/${id}`)).json();
async function commitAndWait(s: Session, id: string, mode: string) {
  const res = await commit(s, id, mode);
  expect(res.statusCode, res.body).toBe(200);
  await idle(t);
  return getImport(s, id);
}
async function allErrors(s: Session, id: string) {
  const out: { row: number; column: string | null; code: string; message: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(
      t.app,
      s,
      'GET',
      `/api/host-orgs/imports/${id}/errors?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    out.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return out;
}
const auditCount = async () =>
  Number(
    (
      await t.services.db
        .selectFrom('auditLogs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`ledger import and export (${TEST_DB})`, () => {
  it('offers a template with the ledger headers, a hidden dictionary sheet and drop-downs', async () => {
    const res = await call(t.app, staff, 'GET', '/api/host-orgs/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_HEADERS);
    const dict = wb.getWorksheet('字典')!;
    expect(dict.state).toBe('hidden');
    const typeCol = LEDGER_HEADERS.indexOf('单位类型') + 1;
    const dv = ws.getCell(2, typeCol).dataValidation;
    expect(dv.type).toBe('list');
    expect(dv.formulae[0]).toContain('字典');
    const regionCol = LEDGER_HEADERS.indexOf('行政区划代码') + 1;
    expect(ws.getCell(3, regionCol).dataValidation.type).toBe('list');
  });

  it('fails an empty sheet and a wrong template with clear codes, and refuses what is not an xlsx', async () => {
    const empty = await uploadAndWait(t, staff, await sheet([]));
    expect(empty).toMatchObject({ status: 'failed', failureCode: 'IMPORT_EMPTY' });
    expect(empty.failureMessage).toBe('表格中没有数据行');
    const wrong = await uploadAndWait(t, staff, await sheet([row(1)], ['名称', '代码']));
    expect(wrong).toMatchObject({ status: 'failed', failureCode: 'IMPORT_WRONG_TEMPLATE' });
    const r = uploadReq(Buffer.from('name,code\n甲,1\n'), '台账.xlsx');
    const res = await call(t.app, staff, 'POST', r.url, r.payload, r.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_NOT_XLSX');
  });

  it('lists every bad row with its reason, and commits all-or-nothing or valid rows only', async () => {
    const good = [row(101), row(102), row(103)];
    const badCode = row(104);
    badCode[1] = `${String(badCode[1]).slice(0, 17)}${String(badCode[1]).endsWith('0') ? '1' : '0'}`;
    const file = await sheet([
      ...good,
      badCode,
      row(105, { 行政区划代码: '999999' }),
      row(106, { 单位名称: null }),
      row(107, { 单位类型: '外星企业' }),
      row(108, { 主管党组织: '中共丹东市委社会工作部/中共元宝区委社会工作部/元宝区"两新"工委' }),
      [...good[0]!.slice(0, 0), ...row(109).slice(0, 1), good[1]![1]!, ...row(109).slice(2)],
      row(110, { 统一社会信用代码: w.b.hostOrg.creditCode }),
    ]);
    const imp = await uploadAndWait(t, staff, file);
    expect(imp).toMatchObject({ status: 'validated', total: 10, valid: 3, invalid: 7 });
    const errors = await allErrors(staff, imp.id);
    const byRow = new Map(errors.map((e) => [e.row, e]));
    expect(byRow.get(5)).toMatchObject({ column: '统一社会信用代码', code: 'credit_code_check' });
    expect(byRow.get(6)).toMatchObject({ column: '行政区划代码', code: 'unknown_region' });
    expect(byRow.get(7)).toMatchObject({ column: '单位名称', code: 'required', message: '必填项为空' });
    expect(byRow.get(8)).toMatchObject({ column: '单位类型', code: 'not_in_dictionary' });
    expect(byRow.get(9)).toMatchObject({ column: '主管党组织', code: 'org_out_of_scope' });
    expect(byRow.get(10)).toMatchObject({ column: '统一社会信用代码', code: 'duplicate_in_file' });
    expect(byRow.get(11)).toMatchObject({ column: '统一社会信用代码', code: 'existing_out_of_scope' });

    const before = await auditCount();
    const refused = await commit(staff, imp.id, 'all_or_nothing');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(await auditCount()).toBe(before);

    const done = await commitAndWait(staff, imp.id, 'valid_only');
    expect(done).toMatchObject({ status: 'done', created: 3, updated: 0, unchanged: 0 });
    const list = (await call(t.app, staff, 'GET', '/api/host-orgs?limit=200')).json().items as { creditCode: string }[];
    for (const g of good) expect(list.map((h) => h.creditCode)).toContain(g[1]);
    expect(await auditCount()).toBe(before + 1);
    // Committed once: a second commit is refused.
    expect((await commit(staff, imp.id, 'valid_only')).statusCode).toBe(409);
  });

  it('changes nothing when the same file is imported again, and updates only what differs', async () => {
    const rows = [row(201), row(202), row(203, { 所在园区: '临港产业园', 党建指导员: null })];
    const file = await sheet(rows);
    const first = await uploadAndWait(t, staff, file);
    expect(await commitAndWait(staff, first.id, 'all_or_nothing')).toMatchObject({ status: 'done', created: 3 });
    const versions = async () =>
      (
        await t.services.db
          .selectFrom('hostOrgs')
          .select(['creditCode', 'version'])
          .where(
            'creditCode',
            'in',
            rows.map((r) => String(r[1])),
          )
          .orderBy('creditCode')
          .execute()
      ).map((r) => `${r.creditCode}:${r.version}`);
    const v0 = await versions();
    const audits = await auditCount();
    const again = await uploadAndWait(t, staff, file);
    const done = await commitAndWait(staff, again.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3 });
    expect(await versions()).toEqual(v0);
    expect(await auditCount()).toBe(audits + 1); // the upload's own entry only

    const changed = [...rows];
    changed[0] = row(201, { 从业人员数: 4321 });
    const third = await uploadAndWait(t, staff, await sheet(changed));
    expect(await commitAndWait(staff, third.id, 'valid_only')).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('writes the assignment history as a manual assignment does: opened on import, closed when the holder changes', async () => {
    const instructor = await t.services.db
      .selectFrom('instructors')
      .select('name')
      .where('id', '=', w.a.instructorId)
      .executeTakeFirstOrThrow();
    const assigned = {
      党建指导员: instructor.name,
      '企业专员（登录名）': w.usernames.specialist,
      联络员: '李联络',
      工作覆盖起始日期: '2024-03-01',
      '县领导定点联系（登录名）': w.usernames.staff,
    };
    const file = await sheet([row(601, assigned)]);
    const first = await uploadAndWait(t, staff, file);
    expect(first, JSON.stringify(await allErrors(staff, first.id))).toMatchObject({ valid: 1 });
    expect(await commitAndWait(staff, first.id, 'all_or_nothing')).toMatchObject({ status: 'done', created: 1 });
    const id = (
      await t.services.db
        .selectFrom('hostOrgs')
        .select('id')
        .where('creditCode', '=', String(row(601)[1]))
        .executeTakeFirstOrThrow()
    ).id;
    type A = { kind: string; personId: string | null; personName: string; endedOn: string | null; assignedBy: string };
    const history = async () =>
      ((await call(t.app, staff, 'GET', `/api/host-orgs/${id}/assignments`)).json() as { items: A[] }).items;
    const opened = await history();
    expect(opened.map((a) => [a.kind, a.personId, a.personName, a.endedOn]).sort()).toEqual(
      [
        ['instructor', w.a.instructorId, instructor.name, null],
        ['liaison', null, '李联络', null],
        ['specialist', w.users.specialist.id, w.users.specialist.displayName, null],
        ['leader_contact', w.users.staff.id, w.users.staff.displayName, null],
      ].sort(),
    );
    expect(opened.every((a) => a.assignedBy === w.users.staff.id)).toBe(true);
    // The same file again: nothing changes in the history either.
    const again = await uploadAndWait(t, staff, file);
    expect(await commitAndWait(staff, again.id, 'all_or_nothing')).toMatchObject({ unchanged: 1 });
    expect(await history()).toHaveLength(4);
    // A new liaison, and no specialist: the old rows close, the new liaison's opens.
    const changed = await uploadAndWait(
      t,
      staff,
      await sheet([row(601, { ...assigned, 联络员: '赵联络', '企业专员（登录名）': null })]),
    );
    expect(await commitAndWait(staff, changed.id, 'all_or_nothing')).toMatchObject({ updated: 1 });
    const after = await history();
    expect(after).toHaveLength(5);
    expect(
      after
        .filter((a) => a.endedOn === null)
        .map((a) => [a.kind, a.personName])
        .sort(),
    ).toEqual(
      [
        ['instructor', instructor.name],
        ['liaison', '赵联络'],
        ['leader_contact', w.users.staff.displayName],
      ].sort(),
    );
    expect(
      after
        .filter((a) => a.endedOn !== null)
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['liaison', 'specialist']);
  });

  it('takes formula-looking text literally, exports it as text, and an export re-imports unchanged', async () => {
    const rows = [
      row(301, { 单位名称: '=HYPERLINK("http://x","点我")', 所在园区: '+86 园区', 地址: '@家路1号' }),
      row(302, { 地址: '-1 层' }),
    ];
    const imp = await uploadAndWait(t, staff, await sheet(rows));
    expect(imp).toMatchObject({ valid: 2, invalid: 0 });
    await commitAndWait(staff, imp.id, 'all_or_nothing');
    const list = (await call(t.app, staff, 'GET', `/api/host-orgs?limit=200`)).json().items as {
      id: string;
      creditCode: string;
    }[];
    // The list row has the table's columns; the park is on the whole record.
    const id = list.find((h) => h.creditCode === rows[0]![1])!.id;
    const stored = (await call(t.app, staff, 'GET', `/api/host-orgs/${id}`)).json() as { name: string; park: string };
    expect(stored.name).toBe('=HYPERLINK("http://x","点我")');
    expect(stored.park).toBe('+86 园区');

    const exp = await call(t.app, staff, 'GET', '/api/host-orgs/export-ledger');
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_HEADERS);
    let found = false;
    ws.eachRow((r) => {
      if (r.getCell(2).value === rows[0]![1]) {
        found = true;
        expect(r.getCell(1).value).toBe('=HYPERLINK("http://x","点我")');
        expect(r.getCell(1).numFmt).toBe('@');
      }
    });
    expect(found).toBe(true);
    // County B's organisation is not in county A's export.
    ws.eachRow((r) => expect(r.getCell(2).value).not.toBe(w.b.hostOrg.creditCode));

    const audits = await auditCount();
    const back = await uploadAndWait(t, staff, exp.rawPayload);
    expect(back).toMatchObject({ status: 'validated', invalid: 0 });
    expect(back.total).toBeGreaterThanOrEqual(2);
    const done = await commitAndWait(staff, back.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: back.total });
    expect(await auditCount()).toBe(audits + 1);
  });

  it('reads Chinese text split across the zip stream chunks of a large sheet intact', async () => {
    // 3,000 rows of Chinese text (shared strings and cells) span many inflated chunks: a character cut
    // between two chunks must not turn into U+FFFD (exceljs decodes each chunk on its own).
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(10_000 + i, { 地址: `辽宁省丹东市振兴区临江后街${i}号院内东侧第二栋楼` }),
    );
    const codes = new Set<string>();
    const unique = rows.filter((r) => !codes.has(String(r[1])) && codes.add(String(r[1])));
    for (const file of [await inlineSheet(unique), await sheet(unique)]) {
      const imp = await uploadAndWait(t, staff, file);
      expect(imp).toMatchObject({ status: 'validated', total: unique.length, invalid: 0 });
    }
  });

  it('carries the ledger columns: each bad row with its reason, and an export that re-imports unchanged', async () => {
    const BRANCH = `${A_PATH}/${w.a.branch.name}`;
    const good = [
      row(501, {
        所建党组织: BRANCH,
        组织覆盖方式: '联合党支部',
        组建日期: '2021/7/1',
        有固定场所: '是',
        从业人员数: 30,
        '县领导定点联系（登录名）': w.usernames.staff,
      }),
      row(502, { 未组建原因: '正在组建', 未组建原因说明: '=年内组建', 联络员: '王联络', 工作覆盖起始日期: 44927 }),
      row(503, { 所建党组织: BRANCH }), // kind left blank: follows the link (单独组建)
    ];
    const bad = [
      row(504, { 组织覆盖方式: '已组建' }),
      row(505, { 组建日期: '2023-02-30', 所建党组织: BRANCH }),
      row(506, { 未组建原因: null }),
      row(507, { 组织覆盖方式: '单独组建' }),
      row(508, { 组织覆盖方式: '未组建', 所建党组织: BRANCH }),
      row(509, { 组建日期: '2020-01-01' }),
      row(510, { 工作覆盖起始日期: '2020-01-01' }),
      row(511, { 有固定场所: '有' }),
      row(512, { '县领导定点联系（登录名）': 'no_such_leader', 未组建原因: null }),
    ];
    const imp = await uploadAndWait(t, staff, await sheet([...good, ...bad]));
    expect(imp).toMatchObject({ status: 'validated', total: 12, valid: 3, invalid: 9 });
    const ledgerErrors = await allErrors(staff, imp.id);
    const byRow = new Map(ledgerErrors.map((e) => [e.row, e]));
    // A row lists its ledger errors beside its other ones.
    expect(ledgerErrors.filter((e) => e.row === 13).map((e) => e.code)).toEqual([
      'leader_contact_unknown',
      'reason_required',
    ]);
    expect(byRow.get(5)).toMatchObject({ column: '组织覆盖方式', code: 'not_in_dictionary' });
    expect(byRow.get(6)).toMatchObject({ column: '组建日期', code: 'invalid_date' });
    expect(byRow.get(7)).toMatchObject({
      column: '未组建原因',
      code: 'reason_required',
      message: '组织覆盖方式为“未组建”时须填写未组建原因',
    });
    expect(byRow.get(8)).toMatchObject({ column: '所建党组织', code: 'party_org_required' });
    expect(byRow.get(9)).toMatchObject({ column: '所建党组织', code: 'party_org_with_none' });
    expect(byRow.get(10)).toMatchObject({ column: '组建日期', code: 'not_applicable' });
    expect(byRow.get(11)).toMatchObject({ column: '工作覆盖起始日期', code: 'not_applicable' });
    expect(byRow.get(12)).toMatchObject({ column: '有固定场所', code: 'not_in_dictionary' });

    expect(await commitAndWait(staff, imp.id, 'valid_only')).toMatchObject({ status: 'done', created: 3 });
    const stored = await t.services.db
      .selectFrom('hostOrgs')
      .selectAll()
      .where(
        'creditCode',
        'in',
        good.map((r) => String(r[1])),
      )
      .execute();
    const byCode = new Map(stored.map((h) => [h.creditCode, h]));
    expect(byCode.get(String(good[0]![1]))).toMatchObject({
      orgCoverageKind: 'joint',
      orgFormedOn: '2021-07-01',
      coverageStatus: 'org_covered',
      hasFixedPremises: 1,
      operatingNormally: 1,
      threeHas: 1,
      leaderContactUserId: w.users.staff.id,
    });
    expect(byCode.get(String(good[1]![1]))).toMatchObject({
      orgCoverageKind: 'none',
      notFormedReason: 'forming',
      notFormedNote: '=年内组建',
      liaisonName: '王联络',
      workCoveredSince: '2023-01-01',
      coverageStatus: 'work_covered',
      threeHas: 0,
    });
    expect(byCode.get(String(good[2]![1]))).toMatchObject({ orgCoverageKind: 'own', notFormedReason: null });

    // The export carries them (三有 read-only), formula-looking text as text, and re-imports unchanged.
    const exp = await call(t.app, staff, 'GET', '/api/host-orgs/export-ledger');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const col = (h: string) => LEDGER_HEADERS.indexOf(h) + 1;
    let seen = 0;
    ws.eachRow((r) => {
      if (r.getCell(2).value === good[0]![1]) {
        seen++;
        expect(r.getCell(col('组织覆盖方式')).value).toBe('联合党支部');
        expect(r.getCell(col('组建日期')).value).toBe('2021-07-01');
        expect(r.getCell(col('县领导定点联系（登录名）')).value).toBe(w.usernames.staff);
        expect(r.getCell(col('三有（自动计算，导入不读取）')).value).toBe('是');
      }
      if (r.getCell(2).value === good[1]![1]) {
        seen++;
        expect(r.getCell(col('未组建原因')).value).toBe('正在组建');
        expect(r.getCell(col('未组建原因说明')).numFmt).toBe('@');
        expect(r.getCell(col('工作覆盖起始日期')).value).toBe('2023-01-01');
        expect(r.getCell(col('有固定场所')).value).toBe('否');
      }
    });
    expect(seen).toBe(2);
    const back = await uploadAndWait(t, staff, exp.rawPayload);
    expect(back).toMatchObject({ status: 'validated', invalid: 0 });
    expect(await commitAndWait(staff, back.id, 'all_or_nothing')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: back.total,
    });

    // A changed ledger cell updates the record, derived columns with it.
    const changed = row(502, {
      未组建原因: '正在组建',
      未组建原因说明: '=年内组建',
      联络员: '王联络',
      工作覆盖起始日期: '2023-01-01',
      有固定场所: '是',
    });
    const upd = await uploadAndWait(t, staff, await sheet([changed]));
    expect(await commitAndWait(staff, upd.id, 'valid_only')).toMatchObject({ updated: 1 });
    const after = await t.services.db
      .selectFrom('hostOrgs')
      .select(['threeHas', 'hasFixedPremises'])
      .where('creditCode', '=', String(changed[1]))
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ threeHas: 1, hasFixedPremises: 1 });
  });

  it('expires imports not committed in time: status 已过期, file deleted, audited (the import-cleanup job)', async () => {
    const left = await uploadAndWait(t, staff, await sheet([row(601)]));
    const failed = await uploadAndWait(t, staff, await sheet([row(602)], ['名称']));
    const fresh = await uploadAndWait(t, staff, await sheet([row(603)]));
    expect([left.status, failed.status, fresh.status]).toEqual(['validated', 'failed', 'validated']);
    const svc = t.services.hostOrgImports;
    const file = async (id: string) =>
      path.resolve(
        svc.filesDir,
        (
          await t.services.db
            .selectFrom('hostOrgImports')
            .select('filePath')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).filePath,
      );
    const leftFile = await file(left.id);
    expect(existsSync(leftFile)).toBe(true);
    // Two of them were left a day ago.
    const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString();
    await t.services.db
      .updateTable('hostOrgImports')
      .set({ updatedAt: dayAgo })
      .where('id', 'in', [left.id, failed.id])
      .execute();
    const audits = await auditCount();
    // The recurring job, run through the queue as a worker would.
    await t.services.jobs.send(JOB_NAMES.importCleanup, {});
    await t.services.jobs.drain([JOB_NAMES.importCleanup]);
    expect((await getImport(staff, left.id)).status).toBe('expired');
    expect((await getImport(staff, failed.id)).status).toBe('expired');
    expect((await getImport(staff, fresh.id)).status).toBe('validated');
    expect(existsSync(leftFile)).toBe(false);
    expect(existsSync(await file(fresh.id))).toBe(true);
    expect(await auditCount()).toBe(audits + 2);
    const entries = await t.services.db
      .selectFrom('auditLogs')
      .select('entityLabel')
      .where('requestId', '=', 'import-cleanup')
      .execute();
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.entityLabel).toContain('已过期');
    // An expired import cannot be committed; the cleanup expires each import once.
    const refused = await commit(staff, left.id, 'valid_only');
    expect(refused.statusCode).toBe(409);
    expect(await svc.expireAbandoned(new Date())).toBeGreaterThanOrEqual(1); // the fresh one among them
    expect((await getImport(staff, fresh.id)).status).toBe('expired');
    expect(existsSync(await file(fresh.id))).toBe(false);
    expect(await svc.expireAbandoned(new Date())).toBe(0);
  });

  it("hides one county's import from the other county's staff", async () => {
    const imp = await uploadAndWait(t, staff, await sheet([row(401)]));
    expect((await call(t.app, bStaff, 'GET', `/api/host-orgs/imports/${imp.id}`)).statusCode).toBe(404);
    expect((await call(t.app, bStaff, 'GET', `/api/host-orgs/imports/${imp.id}/errors`)).statusCode).toBe(404);
    expect((await commit(bStaff, imp.id, 'valid_only')).statusCode).toBe(404);
    expect((await getImport(staff, imp.id)).status).toBe('validated');
  });
});
