import { CamelCasePlugin, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Kysely's CamelCasePlugin with a leaner row mapping: the same keys and values (nested plain
 * objects, e.g. parsed JSON columns, and arrays of them mapped as Kysely maps them), but a plain loop
 * that tests only object values, instead of a `reduce` calling `isPlainObject` (a tag lookup) on
 * every column of every row. Key conversion is Kysely's own (memoised).
 */
type RowMapper = (row: Record<string, unknown>, nested: (value: object) => unknown) => Record<string, unknown>;

/**
 * A function copying a row of these columns under their camel-case names, written out for the
 * column list (one object literal: V8 builds each row with one fixed shape instead of adding keys
 * one by one). The names are the statement's own column names, quoted with JSON.stringify; a
 * camel-case name keeps no underscore after its first character, so none is `__proto__`.
 */
function rowMapper(from: readonly string[], to: readonly string[]): RowMapper {
  const fields = from.map((k, i) => {
    const read = `r[${JSON.stringify(k)}]`;
    return `${JSON.stringify(to[i])}: (v = ${read}) !== null && typeof v === 'object' ? nested(v) : v`;
  });
  return new Function('r', 'nested', `let v; return { ${fields.join(', ')} };`) as RowMapper;
}

export class RowCamelCasePlugin extends CamelCasePlugin {
  /** Column lists seen (a result's columns, joined) → their row mapper: written once per list. */
  private readonly mappers = new Map<string, RowMapper>();
  private readonly nested = (value: object): unknown => this.mapValue(value);

  /**
   * Every row of one result has the same columns: the mapper for that column list (converted once
   * and remembered) copies each row under the camel-case names.
   */
  override transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { rows } = args.result;
    const first = rows[0];
    if (!Array.isArray(rows) || first === undefined) return Promise.resolve(args.result);
    const from = Object.keys(first);
    const signature = from.join('\u0000');
    let mapper = this.mappers.get(signature);
    if (!mapper) {
      mapper = rowMapper(
        from,
        from.map((k) => this.camelCase(k)),
      );
      if (this.mappers.size >= 2000) this.mappers.clear();
      this.mappers.set(signature, mapper);
    }
    const out = new Array<UnknownRow>(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = mapper(rows[r] as Record<string, unknown>, this.nested);
    return Promise.resolve({ ...args.result, rows: out });
  }

  /** A nested value as Kysely maps it: plain objects' keys converted, arrays of them too. */
  private mapValue(value: object): unknown {
    if (Array.isArray(value)) {
      return value.map((it: unknown) =>
        it !== null && typeof it === 'object' && !Array.isArray(it) && isPlainObject(it)
          ? this.mapRow(it as Record<string, unknown>)
          : it,
      );
    }
    return isPlainObject(value) ? this.mapRow(value as Record<string, unknown>) : value;
  }

  protected override mapRow(row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(row);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = row[key];
      out[this.camelCase(key)] = value !== null && typeof value === 'object' ? this.mapValue(value) : value;
    }
    return out;
  }
}
