import { sql, type RawBuilder } from 'kysely';
import type { SubtreeScope } from '../core/scope';

/**
 * `column IN (nodes under the scope's roots)`: the data-scope condition every scoped query
 * carries. Identifiers are fixed references and the node ids are bound parameters; nothing the
 * user sends is spliced into SQL text.
 */
export function underScope(column: string, scope: SubtreeScope): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`1 = 1`;
  if (scope.orgIds.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref(column)} in (select ${sql.ref('oc.descendantId')} from ${sql.table('orgClosure')} oc where ${sql.ref('oc.ancestorId')} in (${sql.join(scope.orgIds)}))`;
}
