import { ConfigError, loadConfig } from './config';
import { FieldCipher, FieldKeyError } from './core/crypto';
import { nowIso } from './core/time';
import { migrateToLatest, openDatabase } from './db/database';
import { rotateFieldKey } from './db/key-rotation';

/**
 * `npm run rotate-key`: moves every protected field to SECRET_KEY, reading with SECRET_KEY_PREVIOUS
 * (README, "Changing the key"). Safe to stop and run again: it goes on where it stopped.
 */
async function main() {
  const config = loadConfig();
  if (!process.env.SECRET_KEY) throw new ConfigError('配置错误: rotate-key needs the new key in SECRET_KEY');
  const database = openDatabase(config.db);
  try {
    await migrateToLatest(database);
    const cipher = new FieldCipher(config.secretKey, config.previousSecretKeys);
    const r = await rotateFieldKey(database.db, cipher, { at: nowIso, log: (line) => console.log(line) });
    const total = Object.values(r.rotated).reduce((a, b) => a + b, 0);
    console.log(`key id ${r.from} → ${r.to}: ${total} value(s) re-encrypted${r.done ? ', done' : ''}`);
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  if (e instanceof FieldKeyError || e instanceof ConfigError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
