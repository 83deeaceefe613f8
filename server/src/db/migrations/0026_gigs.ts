import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * 零工快招 gig hiring (issue 13). Every table is named `gig_*` ("jobs" is the durable job queue).
 *  - `gig_fairs`: job fairs (online or on site) with their organising Party organisation, place and
 *    outcome; `code_serial` is part of the signed sign-in code. `gig_fair_employers`: participating
 *    employers; `gig_fair_sign_ins`: attendance (one per worker and fair).
 *  - `gig_jobs`: jobs posted by (or for) an employer (a host organisation): pay in fen and a unit,
 *    place (region, address, optional lat/lng with an index for the bounding box), weekdays as a bit
 *    mask (bit d−1 for weekday d, 1 = Monday), hours, skills (JSON), headcount and `hired_count`
 *    (raised by one guarded statement per hire), closing date, contact (mobile under the field
 *    cipher), an optional fair, and the state machine's status (GIG_JOB_TRANSITIONS).
 *  - `gig_preferences` (one per worker) and `gig_preference_kinds` (one row per wanted kind, `*` for
 *    any: the index on (kind, worker_id) gives a job its candidates).
 *  - `gig_intentions`: one per job and worker; score and reasons kept as they were when registered.
 *  - `gig_pushes`: one per job and worker (the unique key makes every push idempotent, whatever the
 *    queue retries or however many processes run); `local_date` is the Asia/Shanghai date.
 *  - `sms_outbox`: SMS to send, one per idempotency key; claimed, sent through the provider adapter
 *    (which is given the key), retried with backoff, never sent twice.
 */
export const gigs: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('gig_fairs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('mode', t.text, (c) => c.notNull())
      .addColumn('held_on', t.date, (c) => c.notNull())
      .addColumn('start_time', t.text, (c) => c.notNull())
      .addColumn('end_time', t.text, (c) => c.notNull())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('address', t.text)
      .addColumn('lat', t.real)
      .addColumn('lng', t.real)
      .addColumn('organiser_org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('description', t.text)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('outcome', t.text)
      .addColumn('code_serial', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('gig_fairs_organiser_idx')
      .on('gig_fairs')
      .columns(['organiser_org_id', 'id'])
      .execute();
    await db.schema.createIndex('gig_fairs_held_idx').on('gig_fairs').columns(['held_on', 'id']).execute();

    await db.schema
      .createTable('gig_fair_employers')
      .addColumn('fair_id', t.id, (c) => c.notNull().references('gig_fairs.id'))
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addPrimaryKeyConstraint('gig_fair_employers_pk', ['fair_id', 'host_org_id'])
      .execute();
    await db.schema
      .createIndex('gig_fair_employers_org_idx')
      .on('gig_fair_employers')
      .columns(['host_org_id', 'fair_id'])
      .execute();

    await db.schema
      .createTable('gig_fair_sign_ins')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('fair_id', t.id, (c) => c.notNull().references('gig_fairs.id'))
      .addColumn('worker_id', t.id, (c) => c.notNull().references('workers.id'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('gig_fair_sign_ins_fair_worker_key', ['fair_id', 'worker_id'])
      .execute();

    await db.schema
      .createTable('gig_jobs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('pay_fen', t.int, (c) => c.notNull())
      .addColumn('pay_unit', t.text, (c) => c.notNull())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('address', t.text, (c) => c.notNull())
      .addColumn('lat', t.real)
      .addColumn('lng', t.real)
      .addColumn('start_on', t.date, (c) => c.notNull())
      .addColumn('end_on', t.date)
      .addColumn('weekdays', t.int, (c) => c.notNull())
      .addColumn('day_start', t.text, (c) => c.notNull())
      .addColumn('day_end', t.text, (c) => c.notNull())
      .addColumn('skills', t.json, (c) => c.notNull())
      .addColumn('headcount', t.int, (c) => c.notNull())
      .addColumn('hired_count', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('closing_on', t.date, (c) => c.notNull())
      .addColumn('contact_name', t.text, (c) => c.notNull())
      .addColumn('contact_phone_enc', t.text, (c) => c.notNull())
      .addColumn('contact_phone_masked', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('fair_id', t.id, (c) => c.references('gig_fairs.id'))
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('close_reason', t.text)
      .addColumn('reject_reason', t.text)
      .addColumn('approved_by', t.id, (c) => c.references('users.id'))
      .addColumn('approved_at', t.timestamp)
      .addColumn('published_at', t.timestamp)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await db.schema.createIndex('gig_jobs_status_idx').on('gig_jobs').columns(['status', 'closing_on']).execute();
    await db.schema.createIndex('gig_jobs_host_org_idx').on('gig_jobs').columns(['host_org_id', 'id']).execute();
    await db.schema.createIndex('gig_jobs_region_idx').on('gig_jobs').columns(['region_code', 'id']).execute();
    await db.schema.createIndex('gig_jobs_lat_lng_idx').on('gig_jobs').columns(['lat', 'lng']).execute();
    await db.schema.createIndex('gig_jobs_fair_idx').on('gig_jobs').columns(['fair_id']).execute();

    await db.schema
      .createTable('gig_preferences')
      .addColumn('worker_id', t.id, (c) => c.primaryKey().references('workers.id'))
      .addColumn('lat', t.real)
      .addColumn('lng', t.real)
      .addColumn('region_code', t.id, (c) => c.references('regions.code'))
      .addColumn('max_distance_km', t.int, (c) => c.notNull())
      .addColumn('weekdays', t.int, (c) => c.notNull())
      .addColumn('hour_from', t.text)
      .addColumn('hour_to', t.text)
      .addColumn('min_pay_fen', t.int)
      .addColumn('min_pay_unit', t.text)
      .addColumn('skills', t.json, (c) => c.notNull())
      .addColumn('muted_kinds', t.json, (c) => c.notNull())
      .addColumn('sms_opt_in', t.flag, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('gig_preferences_lat_lng_idx').on('gig_preferences').columns(['lat', 'lng']).execute();
    await db.schema
      .createTable('gig_preference_kinds')
      .addColumn('worker_id', t.id, (c) => c.notNull().references('gig_preferences.worker_id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('gig_preference_kinds_pk', ['worker_id', 'kind'])
      .execute();
    await db.schema
      .createIndex('gig_preference_kinds_kind_idx')
      .on('gig_preference_kinds')
      .columns(['kind', 'worker_id'])
      .execute();

    await db.schema
      .createTable('gig_intentions')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('job_id', t.id, (c) => c.notNull().references('gig_jobs.id'))
      .addColumn('worker_id', t.id, (c) => c.notNull().references('workers.id'))
      .addColumn('fair_id', t.id, (c) => c.references('gig_fairs.id'))
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('contact_shared', t.flag, (c) => c.notNull())
      .addColumn('score', t.int, (c) => c.notNull())
      .addColumn('reasons', t.json, (c) => c.notNull())
      .addColumn('distance_m', t.int)
      .addColumn('note', t.text)
      .addColumn('local_date', t.date, (c) => c.notNull())
      .addColumn('decided_at', t.timestamp)
      .addColumn('decided_by', t.id, (c) => c.references('users.id'))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('gig_intentions_job_worker_key', ['job_id', 'worker_id'])
      .execute();
    await db.schema
      .createIndex('gig_intentions_worker_idx')
      .on('gig_intentions')
      .columns(['worker_id', 'id'])
      .execute();
    await db.schema.createIndex('gig_intentions_fair_idx').on('gig_intentions').columns(['fair_id', 'id']).execute();
    await db.schema.createIndex('gig_intentions_date_idx').on('gig_intentions').columns(['local_date', 'id']).execute();

    await db.schema
      .createTable('gig_pushes')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('job_id', t.id, (c) => c.notNull().references('gig_jobs.id'))
      .addColumn('worker_id', t.id, (c) => c.notNull().references('workers.id'))
      .addColumn('score', t.int, (c) => c.notNull())
      .addColumn('summary', t.text, (c) => c.notNull())
      .addColumn('in_app', t.flag, (c) => c.notNull())
      .addColumn('sms', t.flag, (c) => c.notNull())
      .addColumn('trigger', t.text, (c) => c.notNull())
      .addColumn('local_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('gig_pushes_job_worker_key', ['job_id', 'worker_id'])
      .execute();
    await db.schema.createIndex('gig_pushes_worker_idx').on('gig_pushes').columns(['worker_id', 'id']).execute();
    await db.schema.createIndex('gig_pushes_date_idx').on('gig_pushes').columns(['local_date', 'id']).execute();

    await db.schema
      .createTable('sms_outbox')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('idempotency_key', t.text, (c) => c.notNull().unique())
      .addColumn('to_enc', t.text, (c) => c.notNull())
      .addColumn('to_masked', t.text, (c) => c.notNull())
      .addColumn('body', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('attempts', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
      .addColumn('claimed_at', t.timestamp)
      .addColumn('sent_at', t.timestamp)
      .addColumn('provider_id', t.text)
      .addColumn('last_error', t.text)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sms_outbox_due_idx').on('sms_outbox').columns(['status', 'next_attempt_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'sms_outbox',
      'gig_pushes',
      'gig_intentions',
      'gig_preference_kinds',
      'gig_preferences',
      'gig_jobs',
      'gig_fair_sign_ins',
      'gig_fair_employers',
      'gig_fairs',
    ])
      await db.schema.dropTable(table).execute();
  },
};
