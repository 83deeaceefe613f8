import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * Enterprise demands (诉求) tracked to resolution (issue 11): the working-day calendar's overrides,
 * the departments that handle demands and their handlers, the routing table (county node ×
 * category → lead department and due working days), the demands, the departments on each demand
 * (lead/assist, current and past) and each demand's timeline.
 */
export const demands: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    const s = db.schema;

    await s
      .createTable('work_calendar_days')
      .addColumn('date', t.date, (c) => c.primaryKey())
      .addColumn('year', t.int, (c) => c.notNull())
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', t.id)
      .execute();
    await s.createIndex('work_calendar_days_year_idx').on('work_calendar_days').column('year').execute();

    await s
      .createTable('departments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('active', t.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('departments_org_idx').on('departments').column('org_id').execute();

    await s
      .createTable('department_members')
      .addColumn('department_id', t.id, (c) => c.notNull().references('departments.id'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('department_members_pk', ['department_id', 'user_id'])
      .execute();
    await s.createIndex('department_members_user_idx').on('department_members').column('user_id').execute();

    await s
      .createTable('demand_routes')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('org_id', t.id, (c) => c.notNull().references('party_orgs.id'))
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('department_id', t.id, (c) => c.notNull().references('departments.id'))
      .addColumn('sign_days', t.int, (c) => c.notNull())
      .addColumn('reply_days', t.int, (c) => c.notNull())
      .addColumn('resolve_days', t.int, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .addUniqueConstraint('demand_routes_org_category_uq', ['org_id', 'category'])
      .execute();

    await s
      .createTable('demands')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addColumn('category', t.text, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('visit_id', t.text)
      .addColumn('challenge_id', t.id)
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('amount_asked_fen', t.int)
      .addColumn('amount_granted_fen', t.int)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('lead_department_id', t.id, (c) => c.references('departments.id'))
      .addColumn('sign_days', t.int, (c) => c.notNull())
      .addColumn('reply_days', t.int, (c) => c.notNull())
      .addColumn('resolve_days', t.int, (c) => c.notNull())
      .addColumn('received_on', t.date, (c) => c.notNull())
      .addColumn('sign_due_on', t.date)
      .addColumn('reply_due_on', t.date)
      .addColumn('resolve_due_on', t.date)
      .addColumn('accepted_at', t.timestamp)
      .addColumn('accepted_on', t.date)
      .addColumn('first_reply_at', t.timestamp)
      .addColumn('resolved_at', t.timestamp)
      .addColumn('resolved_on', t.date)
      .addColumn('result', t.text)
      .addColumn('rated_at', t.timestamp)
      .addColumn('rating', t.text)
      .addColumn('closed_at', t.timestamp)
      .addColumn('reopened_count', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('escalated_at', t.timestamp)
      .addColumn('escalated_step', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('demands_host_org_idx').on('demands').column('host_org_id').execute();
    await s.createIndex('demands_lead_idx').on('demands').columns(['lead_department_id', 'status']).execute();
    await s.createIndex('demands_status_idx').on('demands').columns(['status', 'received_on']).execute();

    await s
      .createTable('demand_departments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('demand_id', t.id, (c) => c.notNull().references('demands.id'))
      .addColumn('department_id', t.id, (c) => c.notNull().references('departments.id'))
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('active', t.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await s.createIndex('demand_departments_demand_idx').on('demand_departments').column('demand_id').execute();
    await s.createIndex('demand_departments_department_idx').on('demand_departments').column('department_id').execute();

    await s
      .createTable('demand_events')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('demand_id', t.id, (c) => c.notNull().references('demands.id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('actor_id', t.id)
      .addColumn('actor_name', t.text)
      .addColumn('note', t.text)
      .addColumn('from_department_id', t.id)
      .addColumn('to_department_id', t.id)
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await s.createIndex('demand_events_demand_idx').on('demand_events').columns(['demand_id', 'at']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'demand_events',
      'demand_departments',
      'demands',
      'demand_routes',
      'department_members',
      'departments',
      'work_calendar_days',
    ])
      await db.schema.dropTable(table).execute();
  },
};
