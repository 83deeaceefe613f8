import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { nowIso } from './core/time';
import { openDatabase } from './db/database';
import { backup } from './db/backup';
import { allFileAreas } from './modules/attachments/attachments.backend';

/**
 * `npm run backup -- [directory]`: the database (SQLite online backup, or pg_dump custom format) and
 * every stored file, with a manifest of row counts and file hashes (README, "Backup and restore").
 * The directory defaults to `backups/touyan-<time>` under the data directory; it must be new or empty.
 */
async function main() {
  const config = loadConfig();
  const dir = path.resolve(
    process.argv[2] ?? path.join(config.dataDir, 'backups', `touyan-${nowIso().replace(/[:.]/g, '-')}`),
  );
  const database = openDatabase(config.db);
  try {
    const started = Date.now();
    const m = await backup(
      config,
      database.db,
      allFileAreas(config.dataDir, config.uploads.objectStore),
      dir,
      nowIso(),
    );
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    console.log(
      `backup ${dir}: ${config.db.kind} database (${Object.keys(m.tables).length} tables, ${rows} rows), ` +
        `${m.files.length} file(s), files checksum ${m.filesChecksum.slice(0, 16)}…, ${Date.now() - started} ms`,
    );
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
