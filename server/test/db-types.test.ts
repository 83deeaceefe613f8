/**
 * `src/db/types.ts` is written by hand; this suite holds it to the schema the migrations build. It
 * migrates a fresh database (SQLite, or PostgreSQL with TEST_DATABASE_URL), reads its tables and
 * columns, reads the row interfaces of types.ts with the TypeScript compiler, and names every
 * table.column where the two disagree: present on one side only, nullability (`| null`), an insert
 * allowed to omit a column the database cannot fill (`Generated<>` without a default), or the kind of
 * value (number or string). The integration suites run on both databases, so both are checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, CamelCasePlugin, type ColumnMetadata } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DB, type TestApp } from './harness';

const TYPES_FILE = fileURLToPath(new URL('../src/db/types.ts', import.meta.url));

/** The database as the migrations leave it: table → column → what the comparison needs. */
type Schema = Map<string, Map<string, DbColumn>>;
interface DbColumn {
  kind: ValueKind;
  dataType: string;
  nullable: boolean;
  hasDefault: boolean;
}
type ValueKind = 'number' | 'string';

/** One column of a row interface in types.ts. */
interface TsColumn {
  /** `Interface.property`, for messages. */
  where: string;
  kinds: Set<ValueKind>;
  nullable: boolean;
  /** `Generated<>`, `GeneratedAlways<>` or `ColumnType<S, I | undefined, U>`: optional on insert. */
  generated: boolean;
  /** A type this check cannot read (an alias, an object …). */
  unreadable?: string;
}

/** The names Kysely's CamelCasePlugin uses (types.ts is in camelCase, the database in snake_case). */
class Names extends CamelCasePlugin {
  snake(name: string) {
    return this.snakeCase(name);
  }
}
const names = new Names();

const KINDS: Record<string, ValueKind> = {
  integer: 'number',
  int4: 'number',
  int8: 'number',
  bigint: 'number',
  real: 'number',
  float8: 'number',
  text: 'string',
  date: 'string',
  timestamptz: 'string',
};

async function introspect(app: TestApp): Promise<Schema> {
  const db = app.database.db.withoutPlugins();
  const tables = await db.introspection.getTables();
  // SQLite lets a non-integer primary key hold NULL unless it is declared NOT NULL, and pragma
  // table_info reports it nullable; no code can write one (every insert gives the id), so a
  // primary-key column counts as not null on SQLite as it is on PostgreSQL.
  const primaryKey = async (table: string): Promise<Set<string>> => {
    if (TEST_DB !== 'sqlite') return new Set();
    const { rows } = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(
      db,
    );
    return new Set(rows.filter((r) => r.pk > 0).map((r) => r.name));
  };
  const schema: Schema = new Map();
  for (const table of tables) {
    if (table.isView || (table.schema && table.schema !== 'public')) continue;
    const pk = await primaryKey(table.name);
    const columns = new Map<string, DbColumn>();
    for (const c of table.columns) columns.set(c.name, dbColumn(table.name, c, pk.has(c.name)));
    schema.set(table.name, columns);
  }
  return schema;
}

function dbColumn(table: string, c: ColumnMetadata, inPrimaryKey: boolean): DbColumn {
  const dataType = c.dataType.toLowerCase();
  const kind = KINDS[dataType];
  if (!kind)
    throw new Error(`${table}.${c.name}: column type ${c.dataType} has no TypeScript counterpart in this check`);
  return {
    kind,
    dataType,
    nullable: c.isNullable && !inPrimaryKey,
    hasDefault: c.hasDefaultValue || c.isAutoIncrementing,
  };
}

/** The tables of types.ts: `interface DB`'s properties, each mapped to its row interface's columns. */
function readTypes(source: string): Map<string, { iface: string; columns: Map<string, TsColumn> }> {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  file.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const db = interfaces.get('DB');
  if (!db) throw new Error('types.ts has no `interface DB`');
  const out = new Map<string, { iface: string; columns: Map<string, TsColumn> }>();
  for (const [tableKey, tableType] of properties(db)) {
    const iface = ts.isTypeReferenceNode(tableType) ? tableType.typeName.getText(file) : tableType.getText(file);
    const decl = interfaces.get(iface);
    if (!decl) throw new Error(`types.ts: DB.${tableKey} is ${iface}, not an interface declared in the file`);
    const columns = new Map<string, TsColumn>();
    for (const [prop, type] of properties(decl))
      columns.set(names.snake(prop), tsColumn(`${iface}.${prop}`, type, file));
    out.set(names.snake(tableKey), { iface, columns });
  }
  return out;
}

function properties(decl: ts.InterfaceDeclaration): [string, ts.TypeNode][] {
  return decl.members.filter(ts.isPropertySignature).map((m) => {
    if (!m.type) throw new Error(`types.ts: ${decl.name.text}.${m.name.getText()} has no type`);
    return [m.name.getText(), m.type];
  });
}

function tsColumn(where: string, node: ts.TypeNode, file: ts.SourceFile): TsColumn {
  const col: TsColumn = { where, kinds: new Set(), nullable: false, generated: false };
  let select = node;
  if (ts.isTypeReferenceNode(node) && node.typeArguments?.length) {
    const wrapper = node.typeName.getText(file);
    const [selectArg, insertArg] = node.typeArguments;
    if (wrapper === 'Generated' || wrapper === 'GeneratedAlways') col.generated = true;
    else if (wrapper === 'ColumnType')
      col.generated = !!insertArg && unionMembers(insertArg).some((m) => m.kind === ts.SyntaxKind.UndefinedKeyword);
    else col.unreadable = node.getText(file);
    select = selectArg!;
  }
  for (const member of unionMembers(select)) {
    if (ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword) col.nullable = true;
    else if (member.kind === ts.SyntaxKind.StringKeyword) col.kinds.add('string');
    else if (member.kind === ts.SyntaxKind.NumberKeyword) col.kinds.add('number');
    else if (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)) col.kinds.add('string');
    else if (ts.isLiteralTypeNode(member) && ts.isNumericLiteral(member.literal)) col.kinds.add('number');
    else col.unreadable = member.getText(file);
  }
  return col;
}

function unionMembers(node: ts.TypeNode): ts.TypeNode[] {
  if (ts.isUnionTypeNode(node)) return node.types.flatMap(unionMembers);
  if (ts.isParenthesizedTypeNode(node)) return unionMembers(node.type);
  return [node];
}

/** Every disagreement between the database and types.ts, one line each, naming table.column. */
function compare(schema: Schema, source: string): string[] {
  const types = readTypes(source);
  const problems: string[] = [];
  for (const table of schema.keys()) {
    if (!types.has(table)) problems.push(`${table}: a table in the database, missing from types.ts (interface DB)`);
  }
  for (const [table, { iface, columns }] of types) {
    const dbColumns = schema.get(table);
    if (!dbColumns) {
      problems.push(`${table}: in types.ts (${iface}), no such table in the database`);
      continue;
    }
    for (const column of dbColumns.keys()) {
      if (!columns.has(column)) problems.push(`${table}.${column}: a column in the database, missing from ${iface}`);
    }
    for (const [column, t] of columns) problems.push(...compareColumn(`${table}.${column}`, dbColumns.get(column), t));
  }
  return problems;
}

function compareColumn(name: string, c: DbColumn | undefined, t: TsColumn): string[] {
  if (!c) return [`${name}: in types.ts (${t.where}), no such column in the database`];
  if (t.unreadable) return [`${name}: ${t.where} has a type this check cannot read (${t.unreadable})`];
  const problems: string[] = [];
  if (c.nullable && !t.nullable) problems.push(`${name}: nullable in the database, but ${t.where} lacks \`| null\``);
  if (!c.nullable && t.nullable) problems.push(`${name}: NOT NULL in the database, but ${t.where} allows null`);
  // A column the database would fill may still be required on insert (the code always gives it, e.g.
  // party_orgs.member_count), so only the unsafe direction counts: optional on insert, no default.
  if (!c.hasDefault && t.generated)
    problems.push(`${name}: no default in the database, but ${t.where} is Generated<> (an insert could omit it)`);
  if (t.kinds.size !== 1 || !t.kinds.has(c.kind))
    problems.push(`${name}: ${c.dataType} (${c.kind}) in the database, but ${t.where} is ${[...t.kinds].join(' | ')}`);
  return problems;
}

describe(`db/types.ts against the migrated ${TEST_DB} schema`, () => {
  let app: TestApp;
  let schema: Schema;
  const source = readFileSync(TYPES_FILE, 'utf8');

  beforeAll(async () => {
    app = await createTestApp();
    schema = await introspect(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('declares every table and column the migrations create, with the same nullability, defaults and kinds', () => {
    expect(schema.size).toBeGreaterThan(30);
    expect(compare(schema, source)).toEqual([]);
  });

  it('names the table.column and what differs when types.ts drifts from the schema', () => {
    /** `source` with `from` replaced by `to` inside `interface name { … }`; fails if `from` is not there. */
    const edit = (text: string, name: string, from: string, to: string) => {
      const start = text.indexOf(`interface ${name} {`);
      const at = text.indexOf(from, start);
      if (start < 0 || at < 0 || at > text.indexOf('\n}', start)) throw new Error(`${name} has no \`${from}\``);
      return text.slice(0, at) + to + text.slice(at + from.length);
    };
    let drifted = source;
    drifted = edit(drifted, 'ProjectsTable', 'seq: number | null;', 'seq: number;');
    drifted = edit(drifted, 'HostOrgsTable', 'name: string;', 'name: string | null;');
    drifted = edit(drifted, 'HostOrgsTable', 'deletedAt: string | null;', '');
    drifted = edit(drifted, 'UsersTable', 'username: string;', 'username: string;\n  nickname: string;');
    drifted = edit(drifted, 'RoleBindingsTable', 'createdAt: string;', 'createdAt: Generated<string>;');
    drifted = edit(drifted, 'SessionsTable', 'ip: string | null;', 'ip: number | null;');
    drifted = edit(drifted, 'DB', 'loginThrottle: LoginThrottleTable;', 'ghostTowns: RegionsTable;');
    expect(compare(schema, drifted).sort()).toEqual(
      [
        'projects.seq: nullable in the database, but ProjectsTable.seq lacks `| null`',
        'host_orgs.name: NOT NULL in the database, but HostOrgsTable.name allows null',
        'host_orgs.deleted_at: a column in the database, missing from HostOrgsTable',
        'users.nickname: in types.ts (UsersTable.nickname), no such column in the database',
        'role_bindings.created_at: no default in the database, but RoleBindingsTable.createdAt is Generated<> (an insert could omit it)',
        'sessions.ip: text (string) in the database, but SessionsTable.ip is number',
        'login_throttle: a table in the database, missing from types.ts (interface DB)',
        'ghost_towns: in types.ts (RegionsTable), no such table in the database',
      ].sort(),
    );
  });
});
