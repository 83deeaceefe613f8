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
};

describe('ledger columns', () => {
  it('read back what they write (an export re-imports unchanged), dictionaries by their zh-CN label', () => {
    const cells = LEDGER_COLUMNS.map((c) => cellInput(c.format(values[c.key] as never)));
    expect(cells[2]).toBe('民营企业');
    expect(parseRow(cells)).toEqual({ values, errors: [] });
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

  it('match the template header row, allowing blank cells after it', () => {
    expect(headersMatch([...LEDGER_HEADERS, null, ''])).toBe(true);
    expect(headersMatch(LEDGER_HEADERS.slice(1))).toBe(false);
    expect(headersMatch([...LEDGER_HEADERS, '备注'])).toBe(false);
  });
});
