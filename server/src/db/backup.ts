import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config';
import type { DB } from './types';
import type { Readable } from 'node:stream';

/** The stored files, as the attachments' backend (local disk or S3) gives them. */
export interface FileBackend {
  list(): AsyncIterable<string>;
  open(rel: string): Promise<Readable | null>;
  write(rel: string, body: Readable, size: number): Promise<void>;
}

const run = promisify(execFile);

/** What a backup holds, written last as `manifest.json` (a backup without it is incomplete). */
export interface BackupManifest {
  format: 'touyan-backup-1';
  createdAt: string;
  database: { kind: 'sqlite' | 'postgres'; file: string };
  /** Rows per table (schema-qualified on PostgreSQL) at the time of the copy. */
  tables: Record<string, number>;
  /** Every stored file: its path (relative to the data directory, the object key on S3), size and SHA-256. */
  files: { rel: string; size: number; sha256: string }[];
  /** SHA-256 over the sorted file list (path, size, hash): one figure to compare. */
  filesChecksum: string;
}

/** Every table with its row count: SQLite's own tables, or PostgreSQL's outside the system schemas. */
export async function tableCounts(db: Kysely<DB>, dialect: 'sqlite' | 'postgres'): Promise<Record<string, number>> {
  const names =
    dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table'
            and name not like 'sqlite_%' order by name`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{ name: string }>`select schemaname || '.' || tablename as name
            from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1`.execute(db)
        ).rows.map((r) => r.name);
  const out: Record<string, number> = {};
  for (const name of names) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out[name] = Number(rows[0]!.n);
  }
  return out;
}

export function filesChecksum(files: BackupManifest['files']): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.rel.localeCompare(b.rel))) h.update(`${f.rel}\t${f.size}\t${f.sha256}\n`);
  return h.digest('hex');
}

/**
 * Copies the database and every stored file into `dir` (created; must be empty):
 * - SQLite: the online backup API (better-sqlite3 `backup`), consistent while the server runs;
 * - PostgreSQL: `pg_dump --format=custom` (one consistent snapshot; postgresql-client of the server's
 *   major version or newer);
 * - files: each stored file (data directory or S3 bucket; backup.ts passes every area: uploads,
 *   ledger-import workbooks, audit archives) under `files/`, hashed on the way;
 * - `manifest.json` last, with every table's row count and the files' checksums. Rows written while
 *   the copy runs may differ between the database copy and the counts: take it in a quiet moment, or
 *   compare after restoring to the restored database's own counts.
 */
export async function backup(
  config: Pick<Config, 'db'>,
  db: Kysely<DB>,
  files: FileBackend,
  dir: string,
  at: string,
): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`backup directory ${dir} is not empty`);
  let file: string;
  if (config.db.kind === 'sqlite') {
    file = 'database.sqlite';
    const source = new SQLite(config.db.file, { fileMustExist: true });
    try {
      await source.backup(path.join(dir, file));
    } finally {
      source.close();
    }
  } else {
    file = 'database.pgdump';
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', path.join(dir, file), config.db.url], {
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  const tables = await tableCounts(db, config.db.kind);
  const list: BackupManifest['files'] = [];
  for await (const rel of files.list()) {
    const stream = await files.open(rel);
    if (!stream) continue;
    const target = path.join(dir, 'files', rel);
    await mkdir(path.dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    await pipeline(stream, createWriteStream(target));
    list.push({ rel, size, sha256: hash.digest('hex') });
  }
  const manifest: BackupManifest = {
    format: 'touyan-backup-1',
    createdAt: at,
    database: { kind: config.db.kind, file },
    tables,
    files: list,
    filesChecksum: filesChecksum(list),
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (m.format !== 'touyan-backup-1') throw new Error(`${dir}: not a 头雁 backup (manifest format ${m.format})`);
  return m;
}

/**
 * Restores a backup into the configured database, which must be new (SQLite: no file yet;
 * PostgreSQL: an empty database, e.g. just made by `createdb`), and its files into the configured
 * storage; each file is checked against the manifest's hash. Run with the server stopped.
 * Returns the manifest (the caller compares the restored database's counts).
 */
export async function restoreDatabase(config: Pick<Config, 'db'>, dir: string): Promise<BackupManifest> {
  const m = await readManifest(dir);
  if (m.database.kind !== config.db.kind) {
    throw new Error(`the backup is of a ${m.database.kind} database; the configuration names ${config.db.kind}`);
  }
  if (config.db.kind === 'sqlite') {
    const target = config.db.file;
    if (existsSync(target) && (await stat(target)).size > 0) {
      throw new Error(`${target} exists: restore into a new data directory (or move the old database away)`);
    }
    await mkdir(path.dirname(target), { recursive: true });
    for (const suffix of ['-wal', '-shm']) await rm(target + suffix, { force: true });
    await copyFile(path.join(dir, m.database.file), target);
  } else {
    const { stdout } = await run('psql', [
      config.db.url,
      '-Atc',
      "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    ]);
    if (Number(stdout.trim()) > 0)
      throw new Error('the target PostgreSQL database is not empty: restore into a new one');
    await run(
      'pg_restore',
      ['--no-owner', '--exit-on-error', '--dbname', config.db.url, path.join(dir, m.database.file)],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  }
  return m;
}

export async function restoreFiles(files: FileBackend, dir: string, m: BackupManifest): Promise<void> {
  for (const f of m.files) {
    const source = path.join(dir, 'files', f.rel);
    const hash = createHash('sha256');
    await pipeline(createReadStream(source), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const c of chunks) hash.update(c);
      yield* [];
    });
    if (hash.digest('hex') !== f.sha256) throw new Error(`backup file ${f.rel} does not match its recorded hash`);
    await files.write(f.rel, createReadStream(source), f.size);
  }
}

/** The files now in storage, hashed (after a restore, to compare with the manifest). */
export async function storedFiles(files: FileBackend): Promise<BackupManifest['files']> {
  const out: BackupManifest['files'] = [];
  for await (const rel of files.list()) {
    const stream = await files.open(rel);
    if (!stream) continue;
    const hash = createHash('sha256');
    let size = 0;
    for await (const c of stream) {
      hash.update(c as Buffer);
      size += (c as Buffer).length;
    }
    out.push({ rel, size, sha256: hash.digest('hex') });
  }
  return out;
}
