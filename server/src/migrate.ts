import { loadConfig } from './config';
import { migrateToLatest, openDatabase } from './db/database';

const config = loadConfig();
const database = openDatabase(config.db);
migrateToLatest(database)
  .then(async (applied) => {
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    await database.close();
  })
  .catch(async (e) => {
    console.error('migration failed:', e);
    await database.close();
    process.exit(1);
  });
