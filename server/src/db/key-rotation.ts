import type { Kysely } from 'kysely';
import { FieldKeyError, type FieldCipher } from '../core/crypto';
import { CANARY_TEXT, loose, PROTECTED_COLUMNS, readCanary, writeCanary } from './key-canary';
import type { DB } from './types';

export interface RotationOptions {
  /** Rows re-encrypted per transaction (default 500). */
  batchSize?: number;
  /** Stop after this many batches, as an interruption would (tests); the next run goes on. */
  maxBatches?: number;
  /** The time written on the canary. */
  at: () => string;
  log?: (line: string) => void;
}

export interface RotationResult {
  /** True when every protected value is under the new key and the canary says so. */
  done: boolean;
  /** Values re-encrypted by this run, per `table.column`. */
  rotated: Record<string, number>;
  from: string;
  to: string;
}

/**
 * Moves every protected field (PROTECTED_COLUMNS) to the cipher's current key and recomputes the keyed
 * lookup hashes that go with them; the cipher must also hold the key the database is at
 * (`SECRET_KEY_PREVIOUS`). Resumable: the canary first records the rotation's target (`rotating_to`),
 * each batch is one transaction that re-encrypts only values still under another key (and only if
 * unchanged since read), and a run that stops part-way is continued by the next one. When no value is
 * left under another key, the canary is written under the new key and the rotation is over.
 *
 * This is an operations command at the data layer (like the migrations), which is why it writes the
 * tables of several modules: it changes how their values are stored, never what they say.
 */
export async function rotateFieldKey(
  db: Kysely<DB>,
  cipher: FieldCipher,
  opts: RotationOptions,
): Promise<RotationResult> {
  const log = opts.log ?? (() => {});
  const batchSize = opts.batchSize ?? 500;
  const canary = await readCanary(db);
  if (!canary) throw new FieldKeyError('数据库还没有密钥检查记录（key_canary）：先以现有密钥启动一次服务。');
  let opens = false;
  try {
    opens = cipher.decrypt(canary.checkValue) === CANARY_TEXT;
  } catch {
    opens = false;
  }
  if (!opens) {
    throw new FieldKeyError(
      `数据库在 key id ${canary.keyId}：请把它的密钥放进 SECRET_KEY_PREVIOUS（本进程有 ${cipher.keyIds.join('、')}）。`,
    );
  }
  if (canary.rotatingTo && canary.rotatingTo !== cipher.keyId) {
    throw new FieldKeyError(
      `另一次轮换（到 key id ${canary.rotatingTo}）尚未完成：以那把密钥为 SECRET_KEY 再运行一次以完成它。`,
    );
  }
  const result: RotationResult = { done: false, rotated: {}, from: canary.keyId, to: cipher.keyId };
  if (canary.keyId === cipher.keyId && !canary.rotatingTo) {
    log(`already at key id ${cipher.keyId}`);
  } else if (!canary.rotatingTo) {
    await writeCanary(db, cipher, { rotatingTo: cipher.keyId, underCurrentKey: false }, opts.at());
    log(`rotating from key id ${canary.keyId} to ${cipher.keyId}`);
  } else {
    log(`resuming the rotation to key id ${cipher.keyId}`);
  }

  const fresh = `${cipher.keyId}:%`;
  let batches = 0;
  // Passes until a pass finds nothing stale: a process still on the old key during the rotation may
  // have written a value after its row was passed.
  for (;;) {
    let found = 0;
    for (const c of PROTECTED_COLUMNS) {
      const label = `${c.table}.${c.column}`;
      let after: string | null = null;
      for (;;) {
        if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return result;
        let q = loose(db)
          .selectFrom(c.table)
          .select([c.key, c.column])
          .where(c.column, 'is not', null)
          .where(c.column, 'not like', fresh)
          .orderBy(c.key)
          .limit(batchSize);
        if (after !== null) q = q.where(c.key, '>', after);
        const rows = await q.execute();
        if (rows.length === 0) break;
        batches++;
        await db.transaction().execute(async (trx) => {
          for (const row of rows) {
            const stored = row[c.column]!;
            const plain = cipher.decrypt(stored);
            const set: Record<string, string> = { [c.column]: cipher.encrypt(plain) };
            if (c.hash) set[c.hash] = cipher.lookupHash(plain);
            await loose(trx)
              .updateTable(c.table)
              .set(set)
              .where(c.key, '=', row[c.key]!)
              .where(c.column, '=', stored)
              .execute();
            if ('prefixedHash' in c) {
              const { column, prefix } = c.prefixedHash;
              await loose(trx)
                .updateTable(c.table)
                .set({ [column]: `${prefix}${cipher.lookupHash(plain)}` })
                .where(c.key, '=', row[c.key]!)
                .where(column, 'like', `${prefix}%`)
                .execute();
            }
          }
        });
        found += rows.length;
        result.rotated[label] = (result.rotated[label] ?? 0) + rows.length;
        after = rows[rows.length - 1]![c.key]!;
        log(`${label}: ${result.rotated[label]} re-encrypted`);
      }
    }
    if (found === 0) break;
  }
  if (canary.keyId !== cipher.keyId || canary.rotatingTo) {
    await writeCanary(db, cipher, { rotatingTo: null, underCurrentKey: true }, opts.at());
    log(`done: the database is at key id ${cipher.keyId}`);
  }
  result.done = true;
  return result;
}
