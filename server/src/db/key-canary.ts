import type { Kysely } from 'kysely';
import { FieldKeyError, storedKeyId, type FieldCipher } from '../core/crypto';
import type { DB } from './types';

/**
 * Every column that holds a value of the field cipher (`*_enc`), with the keyed lookup hash that goes
 * with it (`*_hash`, recomputed when the key changes). A table's key column is `key`. `prefixedHash`:
 * a column holding `<prefix><lookup hash>` in some rows (e.g. a dispute's worker key `m:<hash>` for a
 * worker known only by mobile), recomputed in those rows. A migration that adds a `*_enc` column adds
 * it here: server/test/key-rotation.test.ts fails on one missing.
 */
export const PROTECTED_COLUMNS = [
  { table: 'users', key: 'id', column: 'mobileEnc', hash: 'mobileHash' },
  { table: 'partyOrgs', key: 'id', column: 'contactPhoneEnc', hash: null },
  { table: 'instructors', key: 'id', column: 'mobileEnc', hash: null },
  { table: 'workers', key: 'id', column: 'mobileEnc', hash: 'mobileHash' },
  { table: 'workers', key: 'id', column: 'idNumberEnc', hash: 'idNumberHash' },
  { table: 'passKeys', key: 'kid', column: 'privateKeyEnc', hash: null },
  { table: 'gigJobs', key: 'id', column: 'contactPhoneEnc', hash: null },
  { table: 'smsOutbox', key: 'id', column: 'toEnc', hash: null },
  {
    table: 'disputeCases',
    key: 'id',
    column: 'workerMobileEnc',
    hash: null,
    prefixedHash: { column: 'workerKey', prefix: 'm:' },
  },
  { table: 'disputeConsultations', key: 'id', column: 'mobileEnc', hash: null },
] as const satisfies readonly {
  table: keyof DB;
  key: string;
  column: string;
  hash: string | null;
  prefixedHash?: { column: string; prefix: string };
}[];

export type ProtectedColumn = (typeof PROTECTED_COLUMNS)[number];

/** The tables above, seen loosely: their names and columns come from the list, not from `DB`. */
type Row = Record<string, string | null>;
export type LooseDb = Kysely<Record<string, Row>>;
export const loose = (db: Kysely<DB>) => db as unknown as LooseDb;

const CANARY = 'field';
/** What the canary holds, encrypted: a process that decrypts it to this holds the database's key. */
export const CANARY_TEXT = '头雁 field key canary';

export interface CanaryRow {
  keyId: string;
  checkValue: string;
  rotatingTo: string | null;
}

export async function readCanary(db: Kysely<DB>): Promise<CanaryRow | null> {
  const row = await db
    .selectFrom('keyCanary')
    .select(['keyId', 'checkValue', 'rotatingTo'])
    .where('name', '=', CANARY)
    .executeTakeFirst();
  return row ?? null;
}

export async function writeCanary(
  db: Kysely<DB>,
  cipher: FieldCipher,
  patch: { rotatingTo: string | null; underCurrentKey: boolean },
  at: string,
): Promise<void> {
  const set = {
    ...(patch.underCurrentKey ? { keyId: cipher.keyId, checkValue: cipher.encrypt(CANARY_TEXT) } : {}),
    rotatingTo: patch.rotatingTo,
    updatedAt: at,
  };
  await db.updateTable('keyCanary').set(set).where('name', '=', CANARY).execute();
}

/** The first protected value in the database, if any (to judge a database from before the canary). */
async function anyProtectedValue(db: Kysely<DB>): Promise<string | null> {
  for (const c of PROTECTED_COLUMNS) {
    const row = await loose(db)
      .selectFrom(c.table)
      .select(c.column)
      .where(c.column, 'is not', null)
      .limit(1)
      .executeTakeFirst();
    const v = row?.[c.column];
    if (v) return v;
  }
  return null;
}

const HOW =
  'Every process on one database must run with the same SECRET_KEY; to change the key, run `npm run rotate-key` ' +
  '(README: "Changing the key").';

/**
 * At start, before serving: the process's field key must be the one the database is at (or the one a
 * rotation under way moves it to), so that nothing it writes is unreadable to the other processes and
 * everything they wrote is readable to it. Throws FieldKeyError naming the key ids otherwise. The first
 * process on a database writes the canary under its key — unless the database already holds protected
 * values this key cannot open (written before the canary existed, under another key).
 */
export async function checkKeyCanary(db: Kysely<DB>, cipher: FieldCipher, at: string): Promise<void> {
  let canary = await readCanary(db);
  if (!canary) {
    const sample = await anyProtectedValue(db);
    if (sample !== null) {
      const kid = storedKeyId(sample);
      let readable = true;
      try {
        cipher.decrypt(sample);
      } catch {
        readable = false;
      }
      if (!readable || (kid !== null && kid !== cipher.keyId)) {
        throw new FieldKeyError(
          `密钥不符：数据库中的个人信息不是用本进程的 SECRET_KEY（key id ${cipher.keyId}）加密的` +
            `${kid ? `（写入时的 key id ${kid}）` : ''}，本进程拒绝启动。 ${HOW}`,
        );
      }
    }
    await db
      .insertInto('keyCanary')
      .values({
        name: CANARY,
        keyId: cipher.keyId,
        checkValue: cipher.encrypt(CANARY_TEXT),
        rotatingTo: null,
        updatedAt: at,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    // Another process may have written it first: check against what is there.
    canary = (await readCanary(db))!;
  }
  let opens = false;
  try {
    opens = cipher.decrypt(canary.checkValue) === CANARY_TEXT;
  } catch {
    opens = false;
  }
  if (!opens) {
    throw new FieldKeyError(
      `密钥不符：数据库的个人信息用 key id ${canary.keyId} 加密，本进程的 SECRET_KEY 是 key id ${cipher.keyId}` +
        `${cipher.keyIds.length > 1 ? `（另有旧密钥 ${cipher.keyIds.slice(1).join('、')}）` : ''}，打不开它，本进程拒绝启动` +
        `（否则它写下的数据其他进程读不出）。 ${HOW}`,
    );
  }
  const writesUnder = canary.rotatingTo ?? canary.keyId;
  if (cipher.keyId !== writesUnder) {
    throw new FieldKeyError(
      canary.rotatingTo
        ? `密钥不符：数据库正在轮换到 key id ${canary.rotatingTo}，本进程的 SECRET_KEY 是 key id ${cipher.keyId}，拒绝启动。` +
            `请以新密钥为 SECRET_KEY、旧密钥为 SECRET_KEY_PREVIOUS 启动，并用 \`npm run rotate-key\` 完成轮换。`
        : `密钥不符：数据库在 key id ${canary.keyId}，本进程用 key id ${cipher.keyId} 写入，拒绝启动。 ${HOW}`,
    );
  }
}
