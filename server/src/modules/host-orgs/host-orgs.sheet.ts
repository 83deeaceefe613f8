import {
  creditCodeProblem,
  HOST_ORG_TYPES,
  INDUSTRIES,
  NOT_FORMED_REASONS,
  ORG_COVERAGE_KINDS,
  SIZE_CLASSES,
  type Dict,
  type ImportRowErrorCode,
  type NotFormedReason,
  type OrgCoverageKind,
} from '@touyan/schemas';
import { textProblem } from '../../core/validation';

/**
 * The host-organisation ledger as a sheet (导入模板 = 导出台账): one entry per column, in order. The
 * template, the import and the export all read this list, so a column added here (appended at the
 * end) appears in all three. Each column turns a cell into a value or an error code (`parse`) and a
 * value back into a cell (`format`); `parse(format(v))` gives `v` back, which is what makes an
 * export re-import unchanged.
 */

/** One row's values as the sheet carries them: references by name, dictionaries by code. */
export interface LedgerValues {
  name: string;
  creditCode: string;
  type: string;
  industry: string;
  sizeClass: string;
  regionCode: string;
  /** Shown for people; the import reads the code. */
  regionName: string | null;
  park: string | null;
  address: string | null;
  staffCount: number;
  partyMemberCount: number;
  /** Party organisations by path (上级/本级, as exported) or by a name unique in the caller's scope. */
  managingOrg: string;
  partyOrg: string | null;
  /** The instructor's name. */
  instructor: string | null;
  /** The enterprise specialist's login name. */
  specialist: string | null;
  // The ledger (两个覆盖, 三有): migration 0011's columns.
  /** Blank: follows the Party-organisation link (linked → 单独组建, else 未组建), as the form does. */
  orgCoverageKind: OrgCoverageKind | null;
  orgFormedOn: string | null;
  notFormedReason: NotFormedReason | null;
  notFormedNote: string | null;
  /** 工作覆盖 by a liaison (a name: liaisons have no account); the instructor is `instructor`. */
  liaisonName: string | null;
  workCoveredSince: string | null;
  /** Blank keeps the stored flag (a new record: premises 否, operating 是). */
  hasFixedPremises: boolean | null;
  operatingNormally: boolean | null;
  /** The leader's login name (unique; any account, as the form allows). */
  leaderContact: string | null;
  /** Derived (premises, operating, staff ≥ 10): exported for reading, never read back. */
  threeHas: boolean | null;
}

/** A cell as read: text, a number, nothing, or a formula (refused: values only). */
export type CellInput = string | number | null | { formula: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ImportRowErrorCode };

export interface LedgerColumn<K extends keyof LedgerValues = keyof LedgerValues> {
  key: K;
  header: string;
  width: number;
  required: boolean;
  /** Dictionary columns: labels offered in the template's drop-down (the hidden sheet), code by label. */
  dict?: Dict<string>;
  /** The drop-down's source on the dictionary sheet (e.g. `regions`), for columns listed there. */
  list?: 'regions';
  /** Derived, exported for reading: the import ignores the cell (and the template marks the header). */
  readOnly?: boolean;
  parse(cell: CellInput): Parsed<LedgerValues[K]>;
  format(value: LedgerValues[K]): string | number | null;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(code: ImportRowErrorCode): Parsed<T> => ({ ok: false, code });

/** A cell's text: trimmed, '' for nothing. Numbers as written (no exponent for integers). */
export function cellText(cell: CellInput): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'string') return cell.trim();
  return '';
}

type TextKey =
  | 'name'
  | 'park'
  | 'address'
  | 'regionName'
  | 'instructor'
  | 'specialist'
  | 'notFormedNote'
  | 'liaisonName'
  | 'leaderContact';

function textColumn<K extends TextKey>(key: K, header: string, max: number, width = 20): LedgerColumn<K> {
  const required = key === 'name';
  return {
    key,
    header,
    width,
    required,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell);
      if (!s) return required ? bad('required') : ok(null as LedgerValues[K]);
      if (textProblem(s)) return bad('control_chars');
      if (s.length > max) return bad('too_long');
      return ok(s as LedgerValues[K]);
    },
    format: (v) => v,
  };
}

function orgColumn<K extends 'managingOrg' | 'partyOrg'>(key: K, header: string, required: boolean): LedgerColumn<K> {
  return {
    key,
    header,
    width: 36,
    required,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell);
      if (!s) return required ? bad('required') : ok(null as LedgerValues[K]);
      if (textProblem(s)) return bad('control_chars');
      if (s.length > 1000) return bad('too_long');
      return ok(s as LedgerValues[K]);
    },
    format: (v) => v,
  };
}

function intColumn<K extends 'staffCount' | 'partyMemberCount'>(key: K, header: string, max: number): LedgerColumn<K> {
  return {
    key,
    header,
    width: 12,
    required: true,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell);
      if (!s) return bad('required');
      if (!/^\d+$/.test(s)) return bad('not_a_number');
      const n = Number(s);
      if (n > max) return bad('out_of_range');
      return ok(n as LedgerValues[K]);
    },
    format: (v) => v,
  };
}

/** A dictionary column: the sheet shows the zh-CN label; the code is accepted too. */
function dictColumn<K extends 'type' | 'industry' | 'sizeClass' | 'orgCoverageKind' | 'notFormedReason'>(
  key: K,
  header: string,
  dict: Dict<string>,
  required = true,
): LedgerColumn<K> {
  const byLabel = new Map<string, string>();
  for (const [code, label] of Object.entries(dict)) {
    byLabel.set(label['zh-CN'], code);
    byLabel.set(code, code);
  }
  return {
    key,
    header,
    width: 18,
    required,
    dict,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell);
      if (!s) return required ? bad('required') : ok(null as LedgerValues[K]);
      const code = byLabel.get(s);
      return code ? ok(code as LedgerValues[K]) : bad('not_in_dictionary');
    },
    format: (v) => (v === null ? null : ((dict[v as string]?.['zh-CN'] ?? v) as string)),
  };
}

/** 是/否 as a drop-down. */
export const YES_NO = {
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
} satisfies Dict<string>;

/** A yes/no column (optional: blank means "not said"). */
function yesNoColumn<K extends 'hasFixedPremises' | 'operatingNormally'>(key: K, header: string): LedgerColumn<K> {
  return {
    key,
    header,
    width: 12,
    required: false,
    dict: YES_NO,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell);
      if (!s) return ok(null as LedgerValues[K]);
      if (s === '是' || s === 'yes') return ok(true as LedgerValues[K]);
      if (s === '否' || s === 'no') return ok(false as LedgerValues[K]);
      return bad('not_in_dictionary');
    },
    format: (v) => (v === null ? null : v ? '是' : '否'),
  };
}

/** Excel's day 0 (serial numbers count days from it, with 1900 wrongly taken as a leap year). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A calendar date as YYYY-MM-DD, or null when it is not one (year 1900–2100). */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/**
 * A date cell: text as 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日, or a date as Excel stores it
 * (a serial day number: the import reads cells without their number formats). Exported as text
 * YYYY-MM-DD, which reads back the same.
 */
function dateColumn<K extends 'orgFormedOn' | 'workCoveredSince'>(key: K, header: string): LedgerColumn<K> {
  return {
    key,
    header,
    width: 14,
    required: false,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      if (typeof cell === 'number') {
        if (!Number.isInteger(cell) || cell < 1 || cell > 73_050) return bad('invalid_date');
        return ok(new Date(EXCEL_EPOCH_MS + cell * 86_400_000).toISOString().slice(0, 10) as LedgerValues[K]);
      }
      const s = cellText(cell);
      if (!s) return ok(null as LedgerValues[K]);
      const m = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(s);
      if (!m) return bad('invalid_date');
      const date = isoDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
      return date ? ok(date as LedgerValues[K]) : bad('invalid_date');
    },
    format: (v) => v,
  };
}

/** The derived 三有 column's header: says that the import does not read it. */
export const THREE_HAS_HEADER = '三有（自动计算，导入不读取）';

/** The ledger's columns, in sheet order. Append new columns at the end. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  textColumn('name', '单位名称', 100, 30),
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    width: 22,
    required: true,
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell).toUpperCase();
      if (!s) return bad('required');
      const problem = creditCodeProblem(s);
      return problem ? bad(`credit_code_${problem}`) : ok(s);
    },
    format: (v) => v,
  },
  dictColumn('type', '单位类型', HOST_ORG_TYPES),
  dictColumn('industry', '所属行业', INDUSTRIES),
  dictColumn('sizeClass', '规模', SIZE_CLASSES),
  {
    key: 'regionCode',
    header: '行政区划代码',
    width: 14,
    required: true,
    list: 'regions',
    parse: (cell) => {
      if (cell !== null && typeof cell === 'object') return bad('formula');
      const s = cellText(cell);
      if (!s) return bad('required');
      return /^\d{6}$/.test(s) ? ok(s) : bad('unknown_region');
    },
    format: (v) => v,
  },
  textColumn('regionName', '行政区划名称', 100, 16),
  textColumn('park', '所在园区', 60),
  textColumn('address', '地址', 200, 30),
  intColumn('staffCount', '从业人员数', 1_000_000),
  intColumn('partyMemberCount', '党员数', 100_000),
  orgColumn('managingOrg', '主管党组织', true),
  orgColumn('partyOrg', '所建党组织', false),
  textColumn('instructor', '党建指导员', 60, 12),
  textColumn('specialist', '企业专员（登录名）', 60, 16),
  // The ledger (两个覆盖, 三有).
  dictColumn('orgCoverageKind', '组织覆盖方式', ORG_COVERAGE_KINDS, false),
  dateColumn('orgFormedOn', '组建日期'),
  dictColumn('notFormedReason', '未组建原因', NOT_FORMED_REASONS, false),
  textColumn('notFormedNote', '未组建原因说明', 200, 24),
  textColumn('liaisonName', '联络员', 40, 12),
  dateColumn('workCoveredSince', '工作覆盖起始日期'),
  yesNoColumn('hasFixedPremises', '有固定场所'),
  yesNoColumn('operatingNormally', '正常经营'),
  textColumn('leaderContact', '县领导定点联系（登录名）', 60, 18),
  {
    key: 'threeHas',
    header: THREE_HAS_HEADER,
    width: 20,
    required: false,
    readOnly: true,
    // Derived: whatever the cell says, the import derives it again (host-orgs.ledger.ts).
    parse: () => ok(null),
    format: (v) => (v === null ? null : v ? '是' : '否'),
  },
] as LedgerColumn[];

export const LEDGER_HEADERS = LEDGER_COLUMNS.map((c) => c.header);
export const LEDGER_SHEET = '两新组织台账';
export const DICT_SHEET = '字典';

/** Whether a header row is the template's (extra empty cells at the end are fine). */
export function headersMatch(cells: CellInput[]): boolean {
  const texts = cells.map(cellText);
  while (texts.length > LEDGER_HEADERS.length && texts.at(-1) === '') texts.pop();
  return texts.length === LEDGER_HEADERS.length && texts.every((t, i) => t === LEDGER_HEADERS[i]);
}

/** Text that a spreadsheet would take for a formula if typed: exported as text (numFmt '@'). */
export const looksLikeFormula = (v: unknown) => typeof v === 'string' && /^[=+\-@]/.test(v);

/** An exceljs cell value as a `CellInput`: rich text joined, hyperlinks by text, formulas flagged. */
export function cellInput(v: unknown): CellInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return { formula: String(o.formula ?? o.sharedFormula) };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

export type RowParse =
  { values: LedgerValues; errors: [] } | { values: null; errors: { column: string; code: string }[] };

/** Parses one data row (cells in column order) into values, or every column's error. */
export function parseRow(cells: CellInput[]): RowParse {
  const values: Record<string, unknown> = {};
  const errors: { column: string; code: string }[] = [];
  LEDGER_COLUMNS.forEach((c, i) => {
    const r = c.parse(cells[i] ?? null);
    if (r.ok) values[c.key] = r.value;
    else errors.push({ column: c.header, code: r.code });
  });
  return errors.length ? { values: null, errors } : { values: values as unknown as LedgerValues, errors: [] };
}

/** Whether a row is empty (trailing blank rows are skipped, not counted). */
export const isBlankRow = (cells: CellInput[]) => cells.every((c) => c === null || cellText(c) === '');
