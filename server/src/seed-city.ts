/**
 * `npm run seed:city -- --scale=0.01`: the synthetic city of issue 15 (server/src/bench/city.ts) into
 * the database the configuration names (DATABASE_URL for PostgreSQL, else DATA_DIR's SQLite file),
 * migrated first; an empty database is expected (the city's tree, users and campaign are created
 * once). At scale 1: 200,000 host organisations, 1,000,000 workers, 500,000 demands, 5,000 projects
 * with their reports and 10,000,000 pass scans. Logs in as `admin` (DEMO_PASSWORD) afterwards; the
 * city's staff are `city_staff`, the counties' secretaries `city_sec_1` … `city_sec_6`.
 */
import { buildApp } from './app';
import { loadConfig } from './config';
import { analyzeDatabase, migrateToLatest, openDatabase } from './db/database';
import { withStartupLock } from './db/startup-lock';
import { generateCity, cityCounts } from './bench/city';
import { bootstrapAdmin, contextFor, DEMO_PASSWORD } from './seed/factories';
import { loadRegions } from './seed/reference';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const scale = Number(arg('scale') ?? process.env.CITY_SCALE ?? 0.01);
if (!(scale > 0 && scale <= 10)) {
  console.error(`--scale=${arg('scale')}: expected a number in (0, 10]`);
  process.exit(2);
}
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const database = openDatabase(config.db);
try {
  await withStartupLock(database, () => migrateToLatest(database));
  const { app, services } = await buildApp(config, database);
  try {
    if (await services.db.selectFrom('partyOrgs').select('id').limit(1).executeTakeFirst()) {
      throw new Error('the database already holds Party organisations: seed:city expects an empty database');
    }
    await loadRegions(services.store);
    const admin = contextFor(
      await bootstrapAdmin(services, { username: 'admin', displayName: '系统管理员', password: DEMO_PASSWORD }),
      'seed-city',
    );
    const c = cityCounts(scale);
    const where = config.db.kind === 'postgres' ? 'PostgreSQL' : `SQLite in ${process.env.DATA_DIR ?? './data'}`;
    console.log(`seed:city at scale ${scale} into ${where}: ${JSON.stringify(c)}`);
    const city = await generateCity(services, admin, {
      scale,
      lanes: config.db.kind === 'postgres' ? 4 : 1,
      log: (m) => console.log(`  ${m}`),
    });
    await analyzeDatabase(database);
    console.log(`done in ${city.seconds.total.toFixed(1)} s: ${JSON.stringify(city.seconds)}`);
  } finally {
    await app.close();
  }
} finally {
  await database.close();
}
