import { REF_KEYWORD, REF_KINDS, type RefKind } from '@touyan/schemas';
import type { RequestContext } from './actor';
import { AppError } from './errors';

/**
 * References: ids in a request body that point at another record (declared with `refId(kind)` in
 * the shared schemas). `defineRoute` finds them in each route's body schema once, at registration,
 * and before the handler runs resolves every one through the caller's read scope of that kind of
 * record (`ReferenceChecker`): an id outside it answers 404 NOT_FOUND naming the field, and nothing
 * is written. So no route can link a record the caller cannot see, and a new field cannot forget it.
 */

/** Where a reference sits in a body: property names, with '*' for every element of an array. */
export interface RefPath {
  path: string[];
  kind: RefKind;
}

/** One reference found in a parsed body: the field as the client names it (e.g. `roles.0.orgId`). */
export interface FoundRef {
  field: string;
  kind: RefKind;
  id: string;
}

/** Resolves ids of one kind for the caller: the subset of `ids` the caller may read. */
export type RefResolver = (ctx: RequestContext, ids: string[]) => Promise<Set<string>>;
export type RefResolvers = Record<RefKind, RefResolver>;

type JsonSchema = Record<string, unknown>;
const KINDS = new Set<string>(REF_KINDS);

/** Every reference declared in a JSON Schema (as made by z.toJSONSchema from the shared Zod schema). */
export function referencePaths(schema: JsonSchema | undefined): RefPath[] {
  const out: RefPath[] = [];
  const walk = (s: unknown, path: string[], depth: number) => {
    if (!s || typeof s !== 'object' || depth > 20) return;
    const node = s as JsonSchema;
    const kind = node[REF_KEYWORD];
    if (typeof kind === 'string') {
      if (!KINDS.has(kind)) throw new Error(`unknown reference kind ${kind} at ${path.join('.')}`);
      out.push({ path, kind: kind as RefKind });
    }
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(node[k])) for (const sub of node[k] as unknown[]) walk(sub, path, depth + 1);
    }
    if (node.properties && typeof node.properties === 'object') {
      for (const [name, sub] of Object.entries(node.properties as JsonSchema)) walk(sub, [...path, name], depth + 1);
    }
    if (node.items) walk(node.items, [...path, '*'], depth + 1);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      walk(node.additionalProperties, [...path, '*'], depth + 1);
    }
  };
  walk(schema, [], 0);
  // anyOf branches may declare the same place twice.
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = `${p.path.join('.')}:${p.kind}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The references present in a parsed body (null and absent values are not references). */
export function collectReferences(body: unknown, paths: readonly RefPath[]): FoundRef[] {
  const found: FoundRef[] = [];
  const visit = (value: unknown, rest: string[], at: string[], kind: RefKind) => {
    if (value === null || value === undefined) return;
    if (rest.length === 0) {
      if (typeof value === 'string') found.push({ field: at.join('.'), kind, id: value });
      return;
    }
    const [head, ...tail] = rest as [string, ...string[]];
    if (head === '*') {
      if (Array.isArray(value)) value.forEach((v, i) => visit(v, tail, [...at, String(i)], kind));
      else if (typeof value === 'object')
        for (const [k, v] of Object.entries(value as object)) visit(v, tail, [...at, k], kind);
      return;
    }
    if (typeof value === 'object' && !Array.isArray(value)) {
      visit((value as Record<string, unknown>)[head], tail, [...at, head], kind);
    }
  };
  for (const p of paths) visit(body, p.path, [], p.kind);
  return found;
}

/** Checks found references against the resolvers; throws 404 NOT_FOUND naming every field outside scope. */
export class ReferenceChecker {
  constructor(private readonly resolvers: RefResolvers) {}

  async check(ctx: RequestContext, refs: readonly FoundRef[]): Promise<void> {
    if (refs.length === 0) return;
    const byKind = new Map<RefKind, Set<string>>();
    for (const r of refs) {
      const ids = byKind.get(r.kind) ?? new Set<string>();
      ids.add(r.id);
      byKind.set(r.kind, ids);
    }
    const fields: Record<string, string> = {};
    for (const [kind, ids] of byKind) {
      const visible = await this.resolvers[kind](ctx, [...ids]);
      for (const r of refs) if (r.kind === kind && !visible.has(r.id)) fields[r.field] = 'not_found';
    }
    if (Object.keys(fields).length) throw new AppError('NOT_FOUND', fields);
  }
}
