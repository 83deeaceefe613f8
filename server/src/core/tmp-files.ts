import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes the temporary files (`*.part`) in `dir` last written before `before`: left by a process
 * stopped in the middle of an upload (attachments, ledger imports) or of an audit archive. A file
 * being written is written continuously, and nothing writes one for anywhere near as long as the
 * cut-offs used (hours). Returns how many were removed; a missing directory is none.
 */
export async function sweepStaleParts(dir: string, before: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const file = path.join(dir, name);
    try {
      if ((await stat(file)).mtime < before) {
        await rm(file, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile (finished, or swept by another process on the same directory).
    }
  }
  return removed;
}

/**
 * The data directory's own id (`DATA_DIR/instance-id`, 12 hex characters, made on first use): the
 * temporary files are on each machine's disk even when the stored files are shared (STORAGE=s3), so
 * the job sweeping them is per data directory (processes sharing one directory share one id).
 */
export async function dataDirId(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'instance-id');
  const read = async () => {
    const id = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-f]{12}$/.test(id)) throw new Error(`${file}: not a data directory id (12 hex characters)`);
    return id;
  };
  try {
    return await read();
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(6).toString('hex') + '\n', { flag: 'wx' });
  } catch (e) {
    // Another process on the same directory wrote it first: use its id.
    if ((e as { code?: string }).code !== 'EEXIST') throw e;
  }
  return read();
}
