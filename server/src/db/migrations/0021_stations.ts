import type { Kysely } from 'kysely';
import { columnTypes, type PortableMigration } from '../portability';

/**
 * 惠新驿家 stations (issue 12): where riders rest, charge and drink.
 *  - `stations`: the ledger. `lat`/`lng` are plain numbers with one index on (lat, lng): the finder
 *    narrows to a bounding box through it, then computes the exact distance. `hours` is the opening
 *    hours as JSON (weekly hours, a 24-hour flag, holiday hours). `code_serial` is part of the signed
 *    station code: a reissue bumps it, so a code printed before answers 410.
 *  - `station_amenities`: one row per station and amenity (dictionary STATION_AMENITIES).
 *  - `station_check_ins`: a verified worker scanning the station's code; one rating (1–5) with a
 *    comment per check-in. `local_date`/`local_hour` are the Asia/Shanghai date and hour of `at`,
 *    kept so usage counts group portably.
 */
export const stations: PortableMigration = {
  async up(db: Kysely<unknown>, { dialect }) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('stations')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('address', t.text, (c) => c.notNull())
      .addColumn('region_code', t.id, (c) => c.notNull().references('regions.code'))
      .addColumn('lat', t.real, (c) => c.notNull())
      .addColumn('lng', t.real, (c) => c.notNull())
      .addColumn('hours', t.json, (c) => c.notNull())
      .addColumn('manager_user_id', t.id, (c) => c.references('users.id'))
      .addColumn('host_org_id', t.id, (c) => c.references('host_orgs.id'))
      .addColumn('opened_on', t.date, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('phone', t.text)
      .addColumn('note', t.text)
      .addColumn('code_serial', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('deleted_at', t.timestamp)
      .execute();
    await db.schema.createIndex('stations_lat_lng_idx').on('stations').columns(['lat', 'lng']).execute();
    await db.schema.createIndex('stations_region_idx').on('stations').columns(['region_code', 'id']).execute();
    await db.schema.createIndex('stations_manager_idx').on('stations').column('manager_user_id').execute();
    await db.schema.createIndex('stations_opened_idx').on('stations').columns(['opened_on', 'id']).execute();

    await db.schema
      .createTable('station_amenities')
      .addColumn('station_id', t.id, (c) => c.notNull().references('stations.id'))
      .addColumn('amenity', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('station_amenities_pk', ['station_id', 'amenity'])
      .execute();
    await db.schema
      .createIndex('station_amenities_amenity_idx')
      .on('station_amenities')
      .columns(['amenity', 'station_id'])
      .execute();

    await db.schema
      .createTable('station_check_ins')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('station_id', t.id, (c) => c.notNull().references('stations.id'))
      .addColumn('worker_id', t.id, (c) => c.notNull().references('workers.id'))
      .addColumn('user_id', t.id, (c) => c.notNull().references('users.id'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('local_date', t.date, (c) => c.notNull())
      .addColumn('local_hour', t.int, (c) => c.notNull())
      .addColumn('code_serial', t.int, (c) => c.notNull())
      .addColumn('rating', t.int)
      .addColumn('comment', t.text)
      .addColumn('rated_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('station_check_ins_station_idx')
      .on('station_check_ins')
      .columns(['station_id', 'at'])
      .execute();
    await db.schema
      .createIndex('station_check_ins_worker_idx')
      .on('station_check_ins')
      .columns(['worker_id', 'station_id', 'at'])
      .execute();
    await db.schema
      .createIndex('station_check_ins_date_idx')
      .on('station_check_ins')
      .columns(['local_date', 'station_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('station_check_ins').execute();
    await db.schema.dropTable('station_amenities').execute();
    await db.schema.dropTable('stations').execute();
  },
};
