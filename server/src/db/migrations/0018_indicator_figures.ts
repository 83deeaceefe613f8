import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Indicators bound to service figures (issue 11): `figure_key` names a figure registered by the
 * module owning its records (`visits.firms_visited`, `demands.resolved.factor` …); null = entered by
 * hand, as before. `figure_from` / `figure_to` narrow the period counted (null: the campaign's year).
 * A bound indicator's actual is counted from the records on read, so nothing else is stored.
 */
export const indicatorFigures: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('project_indicators').addColumn('figure_key', t.text).execute();
    await db.schema.alterTable('project_indicators').addColumn('figure_from', t.date).execute();
    await db.schema.alterTable('project_indicators').addColumn('figure_to', t.date).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('project_indicators').dropColumn('figure_to').execute();
    await db.schema.alterTable('project_indicators').dropColumn('figure_from').execute();
    await db.schema.alterTable('project_indicators').dropColumn('figure_key').execute();
  },
};
