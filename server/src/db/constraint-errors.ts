import type { ErrorCode, FieldMessage } from '@touyan/schemas';
import { AppError } from '../core/errors';

/**
 * Unique and foreign-key violations, recognised on both drivers and turned into 409s with stable
 * codes (issue 10). The services check before they insert (a friendly answer with the field
 * named); the database constraint is the backstop when two requests pass the check at the same
 * moment. The backstop answers what the check would have answered.
 */
export type Violation =
  | { kind: 'unique'; table: string | null; columns: string[]; constraint: string | null }
  | {
      kind: 'foreign_key';
      /** 'parent': a row still referenced was deleted; 'child': a row points at one that is not there. */
      side: 'parent' | 'child' | 'unknown';
      table: string | null;
      constraint: string | null;
    };

/** Set on SQLite errors by the statement wrapper (db/database.ts): SQLite's message does not say. */
export const STATEMENT_VERB = Symbol('statementVerb');

interface DriverError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  constraint?: unknown;
  detail?: unknown;
  [STATEMENT_VERB]?: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The violation an error reports, or null when it is something else. */
export function violationOf(err: unknown): Violation | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as DriverError;
  const code = str(e.code);
  const message = str(e.message) ?? '';
  // better-sqlite3: "UNIQUE constraint failed: users.username" (several columns comma-separated).
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const list = message.split('constraint failed:')[1]?.trim() ?? '';
    const cols = list
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const table = cols[0]?.includes('.') ? cols[0].split('.')[0]! : null;
    return { kind: 'unique', table, columns: cols.map((c) => c.split('.').pop()!), constraint: null };
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    const verb = e[STATEMENT_VERB];
    const side = verb === 'delete' ? 'parent' : verb === 'insert' || verb === 'update' ? 'child' : 'unknown';
    return { kind: 'foreign_key', side, table: null, constraint: null };
  }
  // pg: SQLSTATE 23505 / 23503 with table, constraint and "Key (a, b)=(…) already exists."
  if (code === '23505') {
    const keys = /^Key \((.+?)\)=/.exec(str(e.detail) ?? '')?.[1];
    const columns = keys ? keys.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
    return { kind: 'unique', table: str(e.table), columns, constraint: str(e.constraint) };
  }
  if (code === '23503') {
    // "update or delete on table "x" violates …" (parent side) / "insert or update on table …" (child side).
    const side = message.startsWith('update or delete')
      ? 'parent'
      : message.startsWith('insert or update')
        ? 'child'
        : 'unknown';
    return { kind: 'foreign_key', side, table: str(e.table), constraint: str(e.constraint) };
  }
  return null;
}

export const isUniqueViolation = (err: unknown): boolean => violationOf(err)?.kind === 'unique';

/**
 * What each unique key answers, keyed `table(col1,col2)` in the constraint's column order. These
 * are the keys a service checks before inserting: the code and field are the ones that check
 * throws, so a request that loses a race gets the same answer as one that came second.
 */
const UNIQUE_KEYS: Record<string, { code: ErrorCode; field?: [string, FieldMessage] }> = {
  'users(username)': { code: 'DUPLICATE', field: ['username', 'invalid'] },
  'users(mobile_hash)': { code: 'DUPLICATE', field: ['username', 'invalid'] },
  'host_orgs(credit_code)': { code: 'CREDIT_CODE_DUPLICATE', field: ['creditCode', 'credit_code_duplicate'] },
  'regions(code)': { code: 'DUPLICATE', field: ['code', 'invalid'] },
  'assessment_sheets(scheme_id,party_org_id)': { code: 'ASSESSMENT_SHEET_EXISTS' },
  'quarterly_reports(project_id,year,quarter)': { code: 'REPORT_EXISTS' },
};

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The AppError a constraint violation answers (409), or null when the error is not one. */
export function constraintError(err: unknown): AppError | null {
  const v = violationOf(err);
  if (!v) return null;
  if (v.kind === 'foreign_key') return new AppError(v.side === 'child' ? 'REFERENCE_GONE' : 'STILL_REFERENCED');
  const key = `${snake(v.table ?? '')}(${v.columns.map(snake).join(',')})`;
  const known = UNIQUE_KEYS[key];
  if (known) return new AppError(known.code, known.field ? { [known.field[0]]: known.field[1] } : undefined);
  // Another key: DUPLICATE naming the field when the key has one column.
  return new AppError('DUPLICATE', v.columns.length === 1 ? { [camel(v.columns[0]!)]: 'duplicate' } : undefined);
}
