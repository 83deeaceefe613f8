import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@touyan/schemas';
import {
  cellInput,
  headersMatch,
  LEDGER_COLUMNS,
  LEDGER_HEADERS,
  parseRow,
  type LedgerValues,
} from './host-orgs.sheet';

const values: LedgerValues = {
  name: '=HYPERLINK("x")',
  creditCode: `91210603MA0Y8K3L2${creditCodeCheckChar('91210603MA0Y8K3L2')}`,
  type: 'private_enterprise',
  industry: 'I',
  sizeClass: 'below',
  regionCode: '210603',
  regionName: '振兴区',
  park: '+86 园区',
  address: null,
  staffCount: 40,
  partyMemberCount: 0,
  managingOrg: '中共丹东市委社会工作部/振兴区"两新"工委',
  partyOrg: null,
  instructor: '李指导',
  specialist: 'zx_specialist',
  orgCoverageKind: 'none',
  orgFormedOn: null,
  notFormedReason: 'few_members',
  notFormedNote: '-已列入计划',
  liaisonName: '王联络',
  workCoveredSince: '2023-02-28',
  hasFixedPremises: true,
  operatingNormally: false,
  leaderContact: 'county_leader',
  threeHas: null,
};

describe('ledger columns', () => {
  it('read back what they write (an export re-imports unchanged), dictionaries by their zh-CN label', () => {
    const cells = LEDGER_COLUMNS.map((c) => cellInput(c.format(values[c.key] as never)));
    expect(cells[2]).toBe('民营企业');
    expect(parseRow(cells)).toEqual({ values, errors: [] });
    const at = (k: keyof LedgerValues) => cells[LEDGER_COLUMNS.findIndex((c) => c.key === k)];
    expect([at('orgCoverageKind'), at('notFormedReason'), at('hasFixedPremises'), at('operatingNormally')]).toEqual([
      '未组建',
      '党员人数不足3人',
      '是',
      '否',
    ]);
    // 三有 is exported for reading and never read back: whatever the cell says.
    const threeHas = LEDGER_COLUMNS.find((c) => c.key === 'threeHas')!;
    expect(threeHas.format(true as never)).toBe('是');
    expect(threeHas.parse('随便写')).toEqual({ ok: true, value: null });
    expect(parseRow(cells.map((c, i) => (i === 1 ? null : c))).errors).toEqual([
      { column: '统一社会信用代码', code: 'required' },
    ]);
  });

  it('refuses formulas, takes formula-looking text literally, and reads numbers written as text', () => {
    const name = LEDGER_COLUMNS[0]!;
    expect(name.parse({ formula: 'A1+1' })).toEqual({ ok: false, code: 'formula' });
    expect(name.parse('=1+1')).toEqual({ ok: true, value: '=1+1' });
    const staff = LEDGER_COLUMNS.find((c) => c.key === 'staffCount')!;
    expect(staff.parse('12')).toEqual({ ok: true, value: 12 });
    expect(staff.parse(-1)).toEqual({ ok: false, code: 'not_a_number' });
    expect(staff.parse('2000000')).toEqual({ ok: false, code: 'out_of_range' });
    expect(cellInput({ richText: [{ text: '甲' }, { text: '乙' }] })).toBe('甲乙');
    expect(cellInput({ formula: 'SUM(A1)', result: 3 })).toEqual({ formula: 'SUM(A1)' });
  });

  it('read the ledger columns: optional drop-downs, 是/否, dates as text or as Excel day numbers', () => {
    const col = (k: keyof LedgerValues) => LEDGER_COLUMNS.find((c) => c.key === k)!;
    expect(col('orgCoverageKind').parse(null)).toEqual({ ok: true, value: null });
    expect(col('orgCoverageKind').parse('联合党支部')).toEqual({ ok: true, value: 'joint' });
    expect(col('orgCoverageKind').parse('已组建')).toEqual({ ok: false, code: 'not_in_dictionary' });
    expect(col('notFormedReason').parse('正在组建')).toEqual({ ok: true, value: 'forming' });
    expect(col('hasFixedPremises').parse('是')).toEqual({ ok: true, value: true });
    expect(col('hasFixedPremises').parse('否')).toEqual({ ok: true, value: false });
    expect(col('hasFixedPremises').parse(null)).toEqual({ ok: true, value: null });
    expect(col('hasFixedPremises').parse('有')).toEqual({ ok: false, code: 'not_in_dictionary' });
    const date = col('orgFormedOn');
    expect(date.parse('2024-03-01')).toEqual({ ok: true, value: '2024-03-01' });
    expect(date.parse('2024/3/1')).toEqual({ ok: true, value: '2024-03-01' });
    expect(date.parse('2024.3.1')).toEqual({ ok: true, value: '2024-03-01' });
    expect(date.parse('2024年3月1日')).toEqual({ ok: true, value: '2024-03-01' });
    expect(date.parse(45352)).toEqual({ ok: true, value: '2024-03-01' }); // a date cell, as Excel stores it
    expect(date.parse('2023-02-29')).toEqual({ ok: false, code: 'invalid_date' });
    expect(date.parse('2024-13-01')).toEqual({ ok: false, code: 'invalid_date' });
    expect(date.parse('去年')).toEqual({ ok: false, code: 'invalid_date' });
    expect(date.parse(45352.5)).toEqual({ ok: false, code: 'invalid_date' });
    expect(date.parse({ formula: 'TODAY()' })).toEqual({ ok: false, code: 'formula' });
  });

  it('match the template header row, allowing blank cells after it', () => {
    expect(headersMatch([...LEDGER_HEADERS, null, ''])).toBe(true);
    expect(headersMatch(LEDGER_HEADERS.slice(1))).toBe(false);
    expect(headersMatch([...LEDGER_HEADERS, '备注'])).toBe(false);
  });
});
