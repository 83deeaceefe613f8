import { CompiledQuery, PostgresAdapter, type Compilable } from 'kysely';
import type { Executor } from './closure';

/**
 * Statements built and compiled once per shape (issue 10, item 8).
 *
 * Building a query with Kysely (immutable nodes, the camel-case transform, compiling to SQL) cost more
 * CPU per list request than running it. A hot statement is therefore declared once with `prepare`:
 * its builder runs the first time a *shape* of parameters is seen, with every value replaced by a
 * placeholder; the SQL is kept, and each later call only puts its values where the placeholders were.
 *
 * The shape of a parameter object is what a builder may branch on: which keys are null, undefined,
 * empty ('') or zero, every boolean, and each array's length (`in (?, ?, ?)`). Every other string and
 * number is a value: the builder may pass it to Kysely but may not compute with it (no `text.trim()`,
 * no `limit + 1`, no `'%' + q + '%'`) — a placeholder throws when used so, at the first build, which
 * the repository's tests cover. Compute such values before calling (e.g. `likePattern(q)`).
 * Values under a `fixed` key are part of the shape as they are (they may be used in computations).
 *
 * Compiled SQL depends on the dialect, so it is kept per database adapter.
 */
export interface Prepared<P, R> {
  compile(db: Executor, params: P): CompiledQuery<R>;
  execute(db: Executor, params: P): Promise<R[]>;
  first(db: Executor, params: P): Promise<R | undefined>;
}

class Slot {
  constructor(readonly index: number) {}
  [Symbol.toPrimitive](): never {
    throw new Error(
      `prepare: parameter #${this.index} was used in a computation while building the statement; ` +
        'compute it before the call, or pass it under `fixed`',
    );
  }
  toJSON(): never {
    return this[Symbol.toPrimitive]();
  }
}

type Template = { sql: string; params: readonly (Slot | { value: unknown })[] };

/** Walks `params`: the placeholder copy, the values in order, and the shape key. */
function mark(params: unknown, values: unknown[], key: string[]): unknown {
  if (params === null) {
    key.push('n');
    return null;
  }
  switch (typeof params) {
    case 'undefined':
      key.push('u');
      return undefined;
    case 'boolean':
      key.push(params ? 't' : 'f');
      return params;
    case 'string':
      if (params === '') {
        key.push('e');
        return params;
      }
      key.push('s');
      values.push(params);
      return new Slot(values.length - 1);
    case 'number':
      if (params === 0 || Number.isNaN(params)) {
        key.push(String(params));
        return params;
      }
      key.push('#');
      values.push(params);
      return new Slot(values.length - 1);
    case 'object':
      break;
    default:
      throw new Error(`prepare: unsupported parameter type ${typeof params}`);
  }
  if (Array.isArray(params)) {
    key.push(`[${params.length}`);
    const out = params.map((v) => mark(v, values, key));
    key.push(']');
    return out;
  }
  const proto = Object.getPrototypeOf(params) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    // A Date or Buffer is a value as a whole.
    key.push('o');
    values.push(params);
    return new Slot(values.length - 1);
  }
  const out: Record<string, unknown> = {};
  key.push('{');
  for (const k of Object.keys(params)) {
    const v = (params as Record<string, unknown>)[k];
    key.push(k);
    if (k === 'fixed') {
      key.push(JSON.stringify(v) ?? 'u');
      out[k] = v;
    } else {
      out[k] = mark(v, values, key);
    }
  }
  key.push('}');
  return out;
}

/**
 * On PostgreSQL a prepared statement's SQL is also prepared on the server, once per connection, under
 * a name (database.ts `namedStatements`): the server parses and plans it once per connection instead
 * of on every run (its planning cost more than running a list page), and the driver sends only the
 * name and values afterwards. Kept per SQL text: the names are the same on every connection.
 */
const serverNames = new Map<string, string>();

/** The server-side name of a prepared statement's SQL (PostgreSQL), or undefined for any other SQL. */
export function serverStatementName(sqlText: string): string | undefined {
  return serverNames.get(sqlText);
}

export function prepare<P extends object, R>(build: (db: Executor, params: P) => Compilable<R>): Prepared<P, R> {
  const byAdapter = new WeakMap<object, Map<string, Template>>();

  const compile = (db: Executor, params: P): CompiledQuery<R> => {
    const values: unknown[] = [];
    const key: string[] = [];
    const marked = mark(params, values, key) as P;
    const adapter = db.getExecutor().adapter;
    let templates = byAdapter.get(adapter);
    if (!templates) byAdapter.set(adapter, (templates = new Map()));
    const shape = key.join(',');
    let template = templates.get(shape);
    if (!template) {
      const compiled = build(db, marked).compile();
      template = {
        sql: compiled.sql,
        params: compiled.parameters.map((p) => (p instanceof Slot ? p : { value: p })),
      };
      templates.set(shape, template);
      if (adapter instanceof PostgresAdapter && !serverNames.has(template.sql)) {
        serverNames.set(template.sql, `touyan_${serverNames.size + 1}`);
      }
    }
    const bound = template.params.map((p) => (p instanceof Slot ? values[p.index] : p.value));
    return CompiledQuery.raw(template.sql, bound) as CompiledQuery<R>;
  };

  return {
    compile,
    async execute(db, params) {
      return (await db.executeQuery(compile(db, params))).rows;
    },
    async first(db, params) {
      return (await db.executeQuery(compile(db, params))).rows[0];
    },
  };
}
