import { sql, type Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * 调裁诉援 — the one-stop labour-dispute centre (issue 14).
 *  - `dispute_centres`: a centre serves a region (staff over that region reach its cases); `head_user_id`
 *    is told when a statutory clock runs out. `dispute_mediators`: the 调解员 accounts of a centre; a
 *    mediator reaches the cases of the centres they serve.
 *  - `dispute_cases`: one worker against one respondent. `worker_key` (registry worker, else the mobile's
 *    lookup hash) and `respondent_key` (credit code, else the normalised name) make the duplicate check;
 *    the partial unique index on them over open cases is the backstop when two intakes race.
 *    `region_code` is the centre's region at intake (scope and figures). Money in fen.
 *    `legal_aid` is the latest legal-aid application's status (applied | approved | denied), kept for
 *    the list's filter and the figures. `case_no` comes from `dispute_case_counters` (one upsert).
 *  - Stage records, one per case each: `dispute_mediations`, `dispute_arbitrations`,
 *    `dispute_litigations`; `dispute_legal_aids` (any number, at any stage).
 *  - `dispute_clocks`: the statutory periods (mediation 15 days, arbitration acceptance 5 working days,
 *    award 45 days + ≤ 15, limitation one year) as rows: started, last day, extended days, stopped and
 *    state; `alerted_due_on` marks the last day an overdue alert was sent for (once per clock and last
 *    day). `dispute_clock_extensions` records each extension with its reason.
 *  - `dispute_events`: the case's timeline (every workflow event, with who and a JSON detail).
 *  - `dispute_groups`: 集体争议 — open cases of one centre against one respondent, handled together.
 *  - `dispute_consultations`: the 法律咨询 log, optionally naming the case it became.
 *  - `attachments.dispute_case_id`: evidence files, linked when the case is saved (as visits and
 *    workers link theirs), read only through the case.
 */
export const disputes: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('dispute_centres')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('code', t.text, (c) => c.notNull().unique())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('address', t.text, (c) => c.notNull())
      .addColumn('phone', t.text)
      .addColumn('head_user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('dispute_centres_region_idx').on('dispute_centres').column('region_code').execute();

    await db.schema
      .createTable('dispute_mediators')
      .addColumn('centre_id', t.id, (c) => c.notNull().references('dispute_centres.id'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('dispute_mediators_pk', ['centre_id', 'user_id'])
      .execute();
    await db.schema.createIndex('dispute_mediators_user_idx').on('dispute_mediators').column('user_id').execute();

    await db.schema
      .createTable('dispute_groups')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('centre_id', t.id, (c) => c.notNull().references('dispute_centres.id'))
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('respondent_key', t.text, (c) => c.notNull())
      .addColumn('respondent_name', t.text, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();

    await db.schema
      .createTable('dispute_case_counters')
      .addColumn('centre_id', t.id, (c) => c.notNull().references('dispute_centres.id'))
      .addColumn('year', t.int, (c) => c.notNull())
      .addColumn('last_seq', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('dispute_case_counters_pk', ['centre_id', 'year'])
      .execute();

    await db.schema
      .createTable('dispute_cases')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('case_no', t.text, (c) => c.notNull().unique())
      .addColumn('centre_id', t.id, (c) => c.notNull().references('dispute_centres.id'))
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('source_note', t.text)
      .addColumn('worker_id', t.id, (c) => c.references('workers.id'))
      .addColumn('worker_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('worker_name', t.text, (c) => c.notNull())
      .addColumn('worker_mobile_enc', t.text, (c) => c.notNull())
      .addColumn('worker_mobile_masked', t.text, (c) => c.notNull())
      .addColumn('worker_key', t.text, (c) => c.notNull())
      .addColumn('respondent_kind', t.text, (c) => c.notNull())
      .addColumn('respondent_name', t.text, (c) => c.notNull())
      .addColumn('respondent_credit_code', t.text)
      .addColumn('respondent_key', t.text, (c) => c.notNull())
      .addColumn('dispute_type', t.text, (c) => c.notNull())
      .addColumn('claim_fen', t.int, (c) => c.notNull())
      .addColumn('facts', t.text, (c) => c.notNull())
      .addColumn('known_on', t.date)
      .addColumn('received_on', t.date, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('mediator_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('group_id', t.id, (c) => c.references('dispute_groups.id'))
      .addColumn('legal_aid', t.text)
      .addColumn('outcome', t.text)
      .addColumn('recovered_fen', t.int)
      .addColumn('closed_on', t.date)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema
      .createIndex('dispute_cases_open_pair_idx')
      .on('dispute_cases')
      .columns(['worker_key', 'respondent_key'])
      .unique()
      .where(sql<boolean>`status <> 'closed'`)
      .execute();
    await db.schema
      .createIndex('dispute_cases_centre_idx')
      .on('dispute_cases')
      .columns(['centre_id', 'status', 'id'])
      .execute();
    await db.schema
      .createIndex('dispute_cases_region_idx')
      .on('dispute_cases')
      .columns(['region_code', 'received_on'])
      .execute();
    await db.schema.createIndex('dispute_cases_worker_user_idx').on('dispute_cases').column('worker_user_id').execute();
    await db.schema.createIndex('dispute_cases_group_idx').on('dispute_cases').column('group_id').execute();
    await db.schema.createIndex('dispute_cases_closed_idx').on('dispute_cases').column('closed_on').execute();

    await db.schema
      .createTable('dispute_mediations')
      .addColumn('case_id', t.id, (c) => c.primaryKey().references('dispute_cases.id'))
      .addColumn('mediator_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('received_on', t.date, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('concluded_on', t.date)
      .addColumn('terms', t.text)
      .addColumn('agreed_fen', t.int)
      .addColumn('perform_by', t.date)
      .addColumn('performed', t.flag)
      .addColumn('performed_on', t.date)
      .addColumn('failure_reason', t.text)
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('dispute_mediations_concluded_idx')
      .on('dispute_mediations')
      .columns(['concluded_on', 'status'])
      .execute();

    await db.schema
      .createTable('dispute_arbitrations')
      .addColumn('case_id', t.id, (c) => c.primaryKey().references('dispute_cases.id'))
      .addColumn('commission', t.text, (c) => c.notNull())
      .addColumn('applied_on', t.date, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('accepted_on', t.date)
      .addColumn('arb_case_no', t.text)
      .addColumn('refused_on', t.date)
      .addColumn('refusal_reason', t.text)
      .addColumn('hearing_on', t.date)
      .addColumn('awarded_on', t.date)
      .addColumn('award_result', t.text)
      .addColumn('award_fen', t.int)
      .addColumn('final_award', t.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dispute_litigations')
      .addColumn('case_id', t.id, (c) => c.primaryKey().references('dispute_cases.id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('court', t.text, (c) => c.notNull())
      .addColumn('court_case_no', t.text)
      .addColumn('filed_on', t.date, (c) => c.notNull())
      .addColumn('judged_on', t.date)
      .addColumn('judgement_result', t.text)
      .addColumn('judgement_fen', t.int)
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dispute_legal_aids')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('case_id', t.id, (c) => c.notNull().references('dispute_cases.id'))
      .addColumn('stage', t.text, (c) => c.notNull())
      .addColumn('applied_on', t.date, (c) => c.notNull())
      .addColumn('provider', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('decided_on', t.date)
      .addColumn('lawyer_name', t.text)
      .addColumn('law_firm', t.text)
      .addColumn('reason', t.text)
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('dispute_legal_aids_case_idx')
      .on('dispute_legal_aids')
      .columns(['case_id', 'id'])
      .execute();

    await db.schema
      .createTable('dispute_clocks')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('case_id', t.id, (c) => c.notNull().references('dispute_cases.id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('started_on', t.date, (c) => c.notNull())
      .addColumn('due_on', t.date, (c) => c.notNull())
      .addColumn('extended_days', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('stopped_on', t.date)
      /** running | met | missed | interrupted | ended */
      .addColumn('state', t.text, (c) => c.notNull())
      .addColumn('alerted_due_on', t.date)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dispute_clocks_case_idx').on('dispute_clocks').columns(['case_id', 'kind']).execute();
    await db.schema
      .createIndex('dispute_clocks_running_idx')
      .on('dispute_clocks')
      .columns(['state', 'due_on'])
      .execute();

    await db.schema
      .createTable('dispute_clock_extensions')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('clock_id', t.id, (c) => c.notNull().references('dispute_clocks.id'))
      .addColumn('case_id', t.id, (c) => c.notNull().references('dispute_cases.id'))
      .addColumn('days', t.int, (c) => c.notNull())
      .addColumn('reason', t.text, (c) => c.notNull())
      .addColumn('agreed_by', t.text, (c) => c.notNull())
      .addColumn('due_before', t.date, (c) => c.notNull())
      .addColumn('due_after', t.date, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('dispute_clock_extensions_case_idx')
      .on('dispute_clock_extensions')
      .column('case_id')
      .execute();

    await db.schema
      .createTable('dispute_events')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('case_id', t.id, (c) => c.notNull().references('dispute_cases.id'))
      .addColumn('event', t.text, (c) => c.notNull())
      .addColumn('from_status', t.text)
      .addColumn('to_status', t.text)
      .addColumn('note', t.text)
      .addColumn('detail', t.json)
      .addColumn('actor_id', t.id, (c) => c.references('users.id'))
      .addColumn('actor_name', t.text)
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dispute_events_case_idx').on('dispute_events').columns(['case_id', 'id']).execute();

    await db.schema
      .createTable('dispute_consultations')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('centre_id', t.id, (c) => c.notNull().references('dispute_centres.id'))
      .addColumn('channel', t.text, (c) => c.notNull())
      .addColumn('asked_on', t.date, (c) => c.notNull())
      .addColumn('person_name', t.text)
      .addColumn('mobile_enc', t.text)
      .addColumn('mobile_masked', t.text)
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('topic', t.text, (c) => c.notNull())
      .addColumn('question', t.text, (c) => c.notNull())
      .addColumn('answer', t.text, (c) => c.notNull())
      .addColumn('follow_up', t.text)
      .addColumn('follow_up_on', t.date)
      .addColumn('case_id', t.id, (c) => c.references('dispute_cases.id'))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema
      .createIndex('dispute_consultations_centre_idx')
      .on('dispute_consultations')
      .columns(['centre_id', 'asked_on'])
      .execute();
    await db.schema
      .createIndex('dispute_consultations_region_idx')
      .on('dispute_consultations')
      .columns(['region_code', 'asked_on'])
      .execute();

    await db.schema
      .alterTable('attachments')
      .addColumn('dispute_case_id', t.id, (c) => c.references('dispute_cases.id'))
      .execute();
    await db.schema.createIndex('attachments_dispute_idx').on('attachments').column('dispute_case_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('attachments_dispute_idx').execute();
    await db.schema.alterTable('attachments').dropColumn('dispute_case_id').execute();
    for (const table of [
      'dispute_consultations',
      'dispute_events',
      'dispute_clock_extensions',
      'dispute_clocks',
      'dispute_legal_aids',
      'dispute_litigations',
      'dispute_arbitrations',
      'dispute_mediations',
      'dispute_cases',
      'dispute_case_counters',
      'dispute_groups',
      'dispute_mediators',
      'dispute_centres',
    ])
      await db.schema.dropTable(table).execute();
  },
};
