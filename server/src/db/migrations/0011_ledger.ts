import { sql, type Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * The two-coverage ledger of host organisations (issue 11): 组织覆盖 kind (own / joint / none) with the
 * date formed and the reason when not formed, 工作覆盖 by an instructor or a liaison (since when), the
 * "三有" flags (three_has is derived on every write), the leader contact; 交叉任职 and 亮身份 Party
 * members; the assignment history of instructors, liaisons, specialists and leader contacts.
 * Existing organisations with a Party organisation count as its own; their current instructor and
 * specialist open a history row from the day the record was created.
 */
export const ledger: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    const s = db.schema;
    const add = async (f: (b: ReturnType<typeof s.alterTable>) => { execute(): Promise<void> }) =>
      f(s.alterTable('host_orgs')).execute();
    await add((b) => b.addColumn('org_coverage_kind', t.text, (c) => c.notNull().defaultTo('none')));
    await add((b) => b.addColumn('org_formed_on', t.date));
    await add((b) => b.addColumn('not_formed_reason', t.text));
    await add((b) => b.addColumn('not_formed_note', t.text));
    await add((b) => b.addColumn('liaison_name', t.text));
    await add((b) => b.addColumn('work_covered_since', t.date));
    await add((b) => b.addColumn('has_fixed_premises', t.flag, (c) => c.notNull().defaultTo(0)));
    await add((b) => b.addColumn('operating_normally', t.flag, (c) => c.notNull().defaultTo(1)));
    await add((b) => b.addColumn('three_has', t.flag, (c) => c.notNull().defaultTo(0)));
    await add((b) => b.addColumn('leader_contact_user_id', t.id, (c) => c.references('users.id')));
    await sql`update host_orgs set org_coverage_kind = 'own' where party_org_id is not null`.execute(db);
    await s.createIndex('host_orgs_leader_contact_idx').on('host_orgs').column('leader_contact_user_id').execute();

    await s
      .createTable('host_org_cross_posts')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addColumn('person_name', t.text, (c) => c.notNull())
      .addColumn('party_post', t.text, (c) => c.notNull())
      .addColumn('management_post', t.text, (c) => c.notNull())
      .addColumn('since', t.date, (c) => c.notNull())
      .addColumn('until', t.date)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('host_org_cross_posts_org_idx').on('host_org_cross_posts').column('host_org_id').execute();

    await s
      .createTable('host_org_party_members')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('position', t.text)
      .addColumn('party_post', t.text)
      .addColumn('shown_since', t.date, (c) => c.notNull())
      .addColumn('note', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id)
      .execute();
    await s.createIndex('host_org_party_members_org_idx').on('host_org_party_members').column('host_org_id').execute();

    await s
      .createTable('host_org_assignments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('host_org_id', t.id, (c) => c.notNull().references('host_orgs.id'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('person_id', t.id)
      .addColumn('person_name', t.text, (c) => c.notNull())
      .addColumn('started_on', t.date, (c) => c.notNull())
      .addColumn('ended_on', t.date)
      .addColumn('assigned_by', t.id, (c) => c.references('users.id'))
      .addColumn('reason', t.text)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await s
      .createIndex('host_org_assignments_org_idx')
      .on('host_org_assignments')
      .columns(['host_org_id', 'kind'])
      .execute();

    const day =
      dialect === 'postgres'
        ? sql`(h.created_at at time zone 'Asia/Shanghai')::date`
        : sql`substr(h.created_at, 1, 10)`;
    await sql`
      insert into host_org_assignments (id, host_org_id, kind, person_id, person_name, started_on, assigned_by, created_at)
      select 'asg0011i' || h.id, h.id, 'instructor', h.instructor_id, i.name, ${day}, h.created_by, h.created_at
      from host_orgs h join instructors i on i.id = h.instructor_id`.execute(db);
    await sql`
      insert into host_org_assignments (id, host_org_id, kind, person_id, person_name, started_on, assigned_by, created_at)
      select 'asg0011s' || h.id, h.id, 'specialist', h.specialist_user_id, u.display_name, ${day}, h.created_by, h.created_at
      from host_orgs h join users u on u.id = h.specialist_user_id`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('host_org_assignments').execute();
    await db.schema.dropTable('host_org_party_members').execute();
    await db.schema.dropTable('host_org_cross_posts').execute();
    await db.schema.dropIndex('host_orgs_leader_contact_idx').execute();
    for (const c of [
      'leader_contact_user_id',
      'three_has',
      'operating_normally',
      'has_fixed_premises',
      'work_covered_since',
      'liaison_name',
      'not_formed_note',
      'not_formed_reason',
      'org_formed_on',
      'org_coverage_kind',
    ])
      await db.schema.alterTable('host_orgs').dropColumn(c).execute();
  },
};
