import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/** The year-end contest (比武打擂): rubric templates, contests, judges, projects, conflicts, draws, sheets. */
export const contests: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    const s = db.schema;

    await s
      .createTable('rubric_templates')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('rubric', t.json, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('rubric_templates_org_idx').on('rubric_templates').columns(['org_id', 'id']).execute();

    await s
      .createTable('contests')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('contest_date', t.date, (c) => c.notNull())
      .addColumn('venue', t.text, (c) => c.notNull())
      .addColumn('minutes_per_talk', t.int, (c) => c.notNull())
      .addColumn('rubric', t.json, (c) => c.notNull())
      .addColumn('config', t.json, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('draw_seed', t.text)
      .addColumn('draw_algorithm', t.text)
      .addColumn('drawn_at', t.timestamp)
      .addColumn('current_project_id', t.id)
      .addColumn('started_at', t.timestamp)
      .addColumn('finished_at', t.timestamp)
      .addColumn('published_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('contests_campaign_idx').on('contests').columns(['campaign_id', 'id']).execute();

    await s
      .createTable('contest_judges')
      .addColumn('contest_id', t.id, (c) => c.notNull().references('contests.id'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('contest_judges_pk', ['contest_id', 'user_id'])
      .execute();
    await s.createIndex('contest_judges_user_idx').on('contest_judges').column('user_id').execute();

    await s
      .createTable('contest_projects')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('contest_id', t.id, (c) => c.notNull().references('contests.id'))
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('position', t.int)
      .addColumn('phase', t.text, (c) => c.notNull())
      .addColumn('started_at', t.timestamp)
      .addColumn('ends_at', t.timestamp)
      .addColumn('closed_at', t.timestamp)
      .addColumn('override_score', t.real)
      .addColumn('override_grade', t.text)
      .addColumn('override_reason', t.text)
      .addColumn('overridden_by', t.id, (c) => c.references('users.id'))
      .addColumn('overridden_at', t.timestamp)
      .addUniqueConstraint('contest_projects_uq', ['contest_id', 'project_id'])
      .execute();

    await s
      .createTable('contest_conflicts')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('contest_id', t.id, (c) => c.notNull().references('contests.id'))
      .addColumn('judge_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('reason', t.text, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('contest_conflicts_uq', ['contest_id', 'judge_id', 'project_id'])
      .execute();

    await s
      .createTable('contest_draws')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('contest_id', t.id, (c) => c.notNull().references('contests.id'))
      .addColumn('seed', t.text, (c) => c.notNull())
      .addColumn('algorithm', t.text, (c) => c.notNull())
      .addColumn('project_ids', t.json, (c) => c.notNull())
      .addColumn('draw_order', t.json, (c) => c.notNull())
      .addColumn('reason', t.text)
      .addColumn('drawn_by', t.id)
      .addColumn('drawn_by_name', t.text)
      .addColumn('drawn_at', t.timestamp, (c) => c.notNull())
      .execute();
    await s.createIndex('contest_draws_contest_idx').on('contest_draws').columns(['contest_id', 'id']).execute();

    await s
      .createTable('contest_sheets')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('contest_id', t.id, (c) => c.notNull().references('contests.id'))
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('judge_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('scores', t.json, (c) => c.notNull())
      .addColumn('total', t.int, (c) => c.notNull())
      .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('contest_sheets_uq', ['contest_id', 'project_id', 'judge_id'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'contest_sheets',
      'contest_draws',
      'contest_conflicts',
      'contest_projects',
      'contest_judges',
      'contests',
      'rubric_templates',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
