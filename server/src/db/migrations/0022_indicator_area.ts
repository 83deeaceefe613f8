import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * The area a bound indicator counts over (issue 11): `figure_org_id` names the Party organisation
 * whose subtree's records are counted; null = the project's declaring organisation, as before. A
 * county-wide project (the 行业党委 of 富顺 answering for the county's 揭榜挂帅) counts over the
 * county's 社工部 node.
 */
export const indicatorArea: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('project_indicators').addColumn('figure_org_id', t.id).execute();
    // The area is changed on its own (PUT …/indicators/:indicatorId/area): optimistic locking per indicator.
    await db.schema
      .alterTable('project_indicators')
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('project_indicators').dropColumn('version').execute();
    await db.schema.alterTable('project_indicators').dropColumn('figure_org_id').execute();
  },
};
