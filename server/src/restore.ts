import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { filesChecksum, restoreDatabase, restoreFiles, storedFiles, tableCounts } from './db/backup';
import { allFileAreas } from './modules/attachments/attachments.backend';

/**
 * `npm run restore -- <directory>`: a backup made by `npm run backup` into the configured database,
 * which must be new (SQLite: no file in DATA_DIR yet; PostgreSQL: an empty database), and storage;
 * then compares every table's row count and the files' checksum with the manifest. Server stopped.
 */
async function main() {
  const config = loadConfig();
  if (!process.argv[2]) throw new ConfigError('usage: npm run restore -- <backup directory>');
  const dir = path.resolve(process.argv[2]);
  const m = await restoreDatabase(config, dir);
  const files = allFileAreas(config.dataDir, config.uploads.objectStore);
  await restoreFiles(files, dir, m);
  const database = openDatabase(config.db);
  try {
    const counts = await tableCounts(database.db, config.db.kind);
    const differ = Object.keys({ ...counts, ...m.tables }).filter((t) => counts[t] !== m.tables[t]);
    const checksum = filesChecksum(await storedFiles(files));
    if (differ.length || checksum !== m.filesChecksum) {
      console.error(
        `restored, but it differs from the backup: tables ${differ.join(', ') || 'none'}; files ${checksum === m.filesChecksum ? 'same' : 'differ'}`,
      );
      process.exit(2);
    }
    console.log(
      `restored ${dir}: ${Object.keys(counts).length} tables with the backup's row counts, ${m.files.length} file(s) with its checksum`,
    );
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
