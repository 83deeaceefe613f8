import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/** Campaigns, challenge board, projects (declaration → execution), reviews, quarterly analysis, notifications. */
export const projects: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    const s = db.schema;

    await s
      .createTable('campaigns')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('year', t.int, (c) => c.notNull())
      .addColumn('code_prefix', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('themes', t.json, (c) => c.notNull())
      .addColumn('eligible_org_types', t.json, (c) => c.notNull())
      .addColumn('criteria', t.json, (c) => c.notNull())
      .addColumn('declare_from', t.date, (c) => c.notNull())
      .addColumn('declare_to', t.date, (c) => c.notNull())
      .addColumn('review_dates', t.json, (c) => c.notNull())
      .addColumn('report_due_days', t.int, (c) => c.notNull())
      .addColumn('contest_date', t.date)
      .addColumn('description', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('campaigns_org_idx').on('campaigns').columns(['org_id', 'year']).execute();

    await s
      .createTable('projects')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id'))
      .addColumn('org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('secretary_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('code', t.text)
      .addColumn('seq', t.int)
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('theme', t.text, (c) => c.notNull())
      .addColumn('target_group', t.text)
      .addColumn('challenge_id', t.id)
      .addColumn('content', t.json, (c) => c.notNull())
      .addColumn('version_no', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('latest_rating', t.text)
      .addColumn('last_decision_note', t.text)
      .addColumn('completion_summary', t.text)
      .addColumn('termination_reason', t.text)
      .addColumn('submitted_at', t.timestamp)
      .addColumn('approved_at', t.timestamp)
      .addColumn('closed_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .addUniqueConstraint('projects_campaign_code_uq', ['campaign_id', 'code'])
      .addUniqueConstraint('projects_campaign_seq_uq', ['campaign_id', 'seq'])
      .execute();
    await s.createIndex('projects_campaign_idx').on('projects').columns(['campaign_id', 'status', 'id']).execute();
    await s.createIndex('projects_org_idx').on('projects').columns(['org_id', 'id']).execute();
    await s.createIndex('projects_status_idx').on('projects').columns(['status', 'id']).execute();

    await s
      .createTable('challenges')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id'))
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('theme', t.text, (c) => c.notNull())
      .addColumn('target_group', t.text, (c) => c.notNull())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('evidence', t.text)
      .addColumn('evidence_count', t.int)
      .addColumn('claim_deadline', t.date, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('claimed_by_org_id', t.id, (c) => c.references('party_orgs.id'))
      .addColumn('claimed_by_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('claimed_at', t.timestamp)
      .addColumn('project_id', t.id, (c) => c.references('projects.id'))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('challenges_campaign_idx').on('challenges').columns(['campaign_id', 'status', 'id']).execute();

    await s
      .createTable('project_versions')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('version_no', t.int, (c) => c.notNull())
      .addColumn('content', t.json, (c) => c.notNull())
      .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
      .addColumn('submitted_by', t.id, (c) => c.references('users.id'))
      .addColumn('decision', t.text)
      .addColumn('decision_note', t.text)
      .addUniqueConstraint('project_versions_uq', ['project_id', 'version_no'])
      .execute();

    await s
      .createTable('project_transitions')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('event', t.text, (c) => c.notNull())
      .addColumn('from_status', t.text)
      .addColumn('to_status', t.text, (c) => c.notNull())
      .addColumn('actor_id', t.id)
      .addColumn('actor_name', t.text, (c) => c.notNull())
      .addColumn('reason', t.text)
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await s
      .createIndex('project_transitions_project_idx')
      .on('project_transitions')
      .columns(['project_id', 'id'])
      .execute();

    await s
      .createTable('attachments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.references('projects.id'))
      .addColumn('filename', t.text, (c) => c.notNull())
      .addColumn('mime', t.text, (c) => c.notNull())
      .addColumn('size', t.int, (c) => c.notNull())
      .addColumn('sha256', t.text, (c) => c.notNull())
      .addColumn('storage_path', t.text, (c) => c.notNull())
      .addColumn('uploaded_by', t.id, (c) => c.references('users.id'))
      .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
      .execute();
    await s.createIndex('attachments_project_idx').on('attachments').column('project_id').execute();

    await s
      .createTable('review_meetings')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id'))
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('meeting_date', t.date, (c) => c.notNull())
      .addColumn('place', t.text, (c) => c.notNull())
      .addColumn('chair_user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('note', t.text)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('review_meetings_campaign_idx').on('review_meetings').columns(['campaign_id', 'id']).execute();

    await s
      .createTable('review_meeting_reviewers')
      .addColumn('meeting_id', t.id, (c) => c.notNull().references('review_meetings.id'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('review_meeting_reviewers_pk', ['meeting_id', 'user_id'])
      .execute();
    await s.createIndex('review_meeting_reviewers_user_idx').on('review_meeting_reviewers').column('user_id').execute();

    await s
      .createTable('review_items')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('meeting_id', t.id, (c) => c.notNull().references('review_meetings.id'))
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('version_no', t.int, (c) => c.notNull())
      .addColumn('decision', t.text)
      .addColumn('decision_note', t.text)
      .addColumn('decided_by', t.id, (c) => c.references('users.id'))
      .addColumn('decided_at', t.timestamp)
      .addColumn('position', t.int, (c) => c.notNull())
      .addUniqueConstraint('review_items_uq', ['meeting_id', 'project_id'])
      .execute();
    await s.createIndex('review_items_project_idx').on('review_items').column('project_id').execute();

    await s
      .createTable('review_judgements')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('item_id', t.id, (c) => c.notNull().references('review_items.id'))
      .addColumn('reviewer_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('scores', t.json, (c) => c.notNull())
      .addColumn('comment', t.text)
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('review_judgements_uq', ['item_id', 'reviewer_id'])
      .execute();

    await s
      .createTable('project_milestones')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('due_date', t.date, (c) => c.notNull())
      .addColumn('completed_on', t.date)
      .addColumn('evidence', t.text)
      .addColumn('attachment_ids', t.json, (c) => c.notNull())
      .addColumn('position', t.int, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .execute();
    await s.createIndex('project_milestones_project_idx').on('project_milestones').column('project_id').execute();

    await s
      .createTable('project_indicators')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('unit', t.text, (c) => c.notNull())
      .addColumn('baseline', t.real, (c) => c.notNull())
      .addColumn('target', t.real, (c) => c.notNull())
      .addColumn('position', t.int, (c) => c.notNull())
      .execute();
    await s.createIndex('project_indicators_project_idx').on('project_indicators').column('project_id').execute();

    await s
      .createTable('indicator_actuals')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('indicator_id', t.id, (c) => c.notNull().references('project_indicators.id'))
      .addColumn('value', t.real, (c) => c.notNull())
      .addColumn('recorded_on', t.date, (c) => c.notNull())
      .addColumn('note', t.text)
      .addColumn('recorded_by', t.id, (c) => c.references('users.id'))
      .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
      .execute();
    await s
      .createIndex('indicator_actuals_indicator_idx')
      .on('indicator_actuals')
      .columns(['indicator_id', 'recorded_on'])
      .execute();

    await s
      .createTable('progress_posts')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('text', t.text, (c) => c.notNull())
      .addColumn('attachment_ids', t.json, (c) => c.notNull())
      .addColumn('author_id', t.id, (c) => c.references('users.id'))
      .addColumn('author_name', t.text, (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await s.createIndex('progress_posts_project_idx').on('progress_posts').columns(['project_id', 'id']).execute();

    await s
      .createTable('quarterly_reports')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('year', t.int, (c) => c.notNull())
      .addColumn('quarter', t.int, (c) => c.notNull())
      .addColumn('due_date', t.date, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('progress', t.text)
      .addColumn('crux', t.text)
      .addColumn('next_plan', t.text)
      .addColumn('indicator_values', t.json, (c) => c.notNull())
      .addColumn('attachment_ids', t.json, (c) => c.notNull())
      .addColumn('filed_at', t.timestamp)
      .addColumn('filed_by', t.id, (c) => c.references('users.id'))
      .addColumn('rating', t.text)
      .addColumn('rating_comment', t.text)
      .addColumn('rated_by', t.id, (c) => c.references('users.id'))
      .addColumn('rated_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('quarterly_reports_uq', ['project_id', 'year', 'quarter'])
      .execute();
    await s.createIndex('quarterly_reports_due_idx').on('quarterly_reports').columns(['status', 'due_date']).execute();

    await s
      .createTable('supervision_notices')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id'))
      .addColumn('report_id', t.id, (c) => c.references('quarterly_reports.id'))
      .addColumn('content', t.text, (c) => c.notNull())
      .addColumn('answer_by', t.date, (c) => c.notNull())
      .addColumn('issued_by', t.id, (c) => c.references('users.id'))
      .addColumn('issued_at', t.timestamp, (c) => c.notNull())
      .addColumn('answer', t.text)
      .addColumn('answered_by', t.id, (c) => c.references('users.id'))
      .addColumn('answered_at', t.timestamp)
      .addColumn('close_comment', t.text)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .execute();
    await s.createIndex('supervision_notices_project_idx').on('supervision_notices').column('project_id').execute();

    await s
      .createTable('notifications')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('body', t.text, (c) => c.notNull())
      .addColumn('link', t.text)
      /** Same user + dedupe key is sent once (e.g. "report_due:<reportId>"). */
      .addColumn('dedupe_key', t.text)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('read_at', t.timestamp)
      .addUniqueConstraint('notifications_dedupe_uq', ['user_id', 'dedupe_key'])
      .execute();
    await s.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'notifications',
      'supervision_notices',
      'quarterly_reports',
      'progress_posts',
      'indicator_actuals',
      'project_indicators',
      'project_milestones',
      'review_judgements',
      'review_items',
      'review_meeting_reviewers',
      'review_meetings',
      'attachments',
      'project_transitions',
      'project_versions',
      'challenges',
      'projects',
      'campaigns',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
