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

/** The projects' read scope (`ProjectScope`, built by projects.policy), as the condition reads it. */
export interface ProjectScopeParts {
  subtree: SubtreeScope;
  submitted: SubtreeScope;
  reviewerUserId: string | null;
}

/**
 * The scope condition for projects (alias `p`): the declaring side's subtrees; staff subtrees except
 * drafts never submitted; or the agenda of a meeting the user reviews. Every query listing or
 * counting projects for a user uses it (the list, a project, the export, the home's counts): the
 * projects' and the home's repositories import it from here, neither from the other's repository.
 */
export function projectScopeCondition(scope: ProjectScopeParts) {
  const parts = [underScope('p.orgId', scope.subtree)];
  if (scope.submitted.all || scope.submitted.orgIds.length > 0) {
    parts.push(
      sql<boolean>`(${underScope('p.orgId', scope.submitted)} and not (${sql.ref('p.status')} = 'draft' and ${sql.ref('p.submittedAt')} is null))`,
    );
  }
  if (scope.reviewerUserId) {
    parts.push(
      sql<boolean>`exists (select 1 from review_items ri join review_meeting_reviewers rr on rr.meeting_id = ri.meeting_id where ri.project_id = ${sql.ref('p.id')} and rr.user_id = ${scope.reviewerUserId})`,
    );
  }
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The host organisations' read scope (`HostOrgScope`, built by host-orgs.policy), as the condition reads it. */
export interface HostOrgScopeParts {
  all: boolean;
  subtree: SubtreeScope;
  specialistUserId: string | null;
  ownHostOrgIds: readonly string[];
}

/**
 * The host-organisation scope condition over the host organisation aliased `alias`: managed or
 * covered by a Party organisation under the caller's bindings, assigned to the caller as specialist,
 * or the caller's own firm. The one condition for it: the host organisations' repository (alias
 * `hostOrgs`) and records of other modules that belong to a firm (visits), scoped through their firm,
 * all use it. In a prepared statement (db/prepared.ts) it branches only on the scope's shape.
 */
export function hostOrgScopeCondition(alias: string, scope: HostOrgScopeParts): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`1 = 1`;
  const ors: RawBuilder<boolean>[] = [];
  if (scope.subtree.all || scope.subtree.orgIds.length > 0) {
    ors.push(underScope(`${alias}.managingOrgId`, scope.subtree));
    ors.push(underScope(`${alias}.partyOrgId`, scope.subtree));
  }
  if (scope.specialistUserId)
    ors.push(sql<boolean>`${sql.ref(`${alias}.specialistUserId`)} = ${scope.specialistUserId}`);
  if (scope.ownHostOrgIds.length > 0)
    ors.push(sql<boolean>`${sql.ref(`${alias}.id`)} in (${sql.join(scope.ownHostOrgIds)})`);
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`1 = 0`;
}

/**
 * `column` (a region code) lies in the region of one of the scope's Party organisations or a region
 * below it (region_closure): the scope of records placed by region rather than by organisation
 * (workers, issue 12). A binding on a county's 社工部 reaches that county's regions and streets.
 */
export function regionUnderOrgs(column: string, scope: SubtreeScope): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`1 = 1`;
  if (scope.orgIds.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref(column)} in (select ${sql.ref('rc.descendantCode')} from ${sql.table('regionClosure')} rc join ${sql.table('partyOrgs')} po on ${sql.ref('po.regionCode')} = ${sql.ref('rc.ancestorCode')} where ${sql.ref('po.id')} in (${sql.join(scope.orgIds)}))`;
}
