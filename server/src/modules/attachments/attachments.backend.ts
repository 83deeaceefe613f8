import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config';

export type { S3Settings };

/**
 * Where the platform's files are kept, by their path relative to the data directory, whose first part
 * is the file's area: checked uploads (`uploads/YYYY/MM/<id>.<ext>`, made only from ids and fixed
 * extensions), ledger-import workbooks (`imports/<id>.xlsx`), audit archives (`audit-archive/…`).
 * A file is always written to a local temporary file first (an upload hashed, counted and its
 * signature checked) and only then handed to the backend: with STORAGE=s3 every area is in the
 * shared bucket, so any process (machine) reads what another wrote.
 */
export type FileArea = 'uploads' | 'imports' | 'audit-archive';

export interface FileBackend {
  readonly kind: 'local' | 's3';
  /** Moves (local) or streams (S3) a checked temporary file to `rel`; the temporary file is gone after. */
  put(tmpPath: string, rel: string, size: number): Promise<void>;
  /** Streams a stored file from the start; null when it is not there. */
  open(rel: string): Promise<Readable | null>;
  /** Removes a stored file; nothing if already gone. */
  remove(rel: string): Promise<void>;
  /** Stores a stream at `rel` (restore). */
  write(rel: string, body: Readable, size: number): Promise<void>;
  /** Every stored file's `rel` (backup). */
  list(): AsyncIterable<string>;
  /** Throws when the storage cannot be reached (GET /api/ready). */
  ping(): Promise<void>;
}

/** Files under the data directory (the default; one machine, or a shared mount). */
export class LocalBackend implements FileBackend {
  readonly kind = 'local' as const;
  private readonly root: string;
  constructor(
    dataDir: string,
    private readonly area: FileArea = 'uploads',
  ) {
    this.root = path.resolve(dataDir, area);
  }

  absolute(rel: string): string {
    const abs = path.resolve(this.root, '..', rel);
    if (!abs.startsWith(this.root + path.sep)) throw new Error(`file path outside the ${this.area} directory`);
    return abs;
  }

  async put(tmpPath: string, rel: string): Promise<void> {
    const abs = this.absolute(rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await rename(tmpPath, abs);
  }

  async open(rel: string): Promise<Readable | null> {
    const abs = this.absolute(rel);
    try {
      await stat(abs);
    } catch {
      return null;
    }
    return createReadStream(abs);
  }

  async remove(rel: string): Promise<void> {
    await rm(this.absolute(rel), { force: true });
  }

  async write(rel: string, body: Readable): Promise<void> {
    const abs = this.absolute(rel);
    await mkdir(path.dirname(abs), { recursive: true });
    const { createWriteStream } = await import('node:fs');
    const { pipeline } = await import('node:stream/promises');
    await pipeline(body, createWriteStream(abs));
  }

  async *list(): AsyncIterable<string> {
    const walk = async function* (dir: string, rel: string): AsyncGenerator<string> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (rel === area && e.name === 'tmp') continue;
        if (e.isDirectory()) yield* walk(path.join(dir, e.name), `${rel}/${e.name}`);
        else if (e.isFile()) yield `${rel}/${e.name}`;
      }
    };
    const area = this.area;
    yield* walk(this.root, area);
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await stat(this.root);
  }
}

/** Objects in one bucket, keyed `${prefix}${rel}`; uploads and downloads stream. */
export class S3Backend implements FileBackend {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  constructor(
    private readonly s: S3Settings,
    private readonly area: FileArea = 'uploads',
  ) {
    this.client = new S3Client({
      region: s.region,
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      forcePathStyle: s.forcePathStyle,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      // Checksums only where the operation requires them: by default the SDK sends a streamed body
      // as aws-chunked with a trailing CRC, which servers other than S3 itself (s3rver, older MinIO,
      // some OSS/COS gateways) store framing and all. The upload is hashed (SHA-256) on receipt anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(rel: string): string {
    const parts = rel.split('/');
    if (parts[0] !== this.area || parts.some((p) => p === '..' || p === '' || p === '.')) {
      throw new Error(`bad file path for ${this.area}`);
    }
    return `${this.s.prefix}${rel}`;
  }

  async put(tmpPath: string, rel: string, size: number): Promise<void> {
    await this.write(rel, createReadStream(tmpPath), size);
    await rm(tmpPath, { force: true });
  }

  async write(rel: string, body: Readable, size: number): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.s.bucket, Key: this.key(rel), Body: body, ContentLength: size }),
    );
  }

  async open(rel: string): Promise<Readable | null> {
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.s.bucket, Key: this.key(rel) }));
      return (got.Body as Readable | undefined) ?? null;
    } catch (e) {
      const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404) return null;
      throw e;
    }
  }

  async remove(rel: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.key(rel) }));
  }

  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.s.bucket,
          Prefix: `${this.s.prefix}${this.area}/`,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) if (o.Key) yield o.Key.slice(this.s.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.s.bucket }));
  }
}

/**
 * The backend the configuration names for an area (`uploads.objectStore`: the S3 bucket when set,
 * else the data directory).
 */
export function fileBackend(
  dataDir: string,
  objectStore: S3Settings | null | undefined,
  area: FileArea = 'uploads',
): FileBackend {
  return objectStore ? new S3Backend(objectStore, area) : new LocalBackend(dataDir, area);
}

/** Every area of stored files, in the order a backup lists them. */
export const FILE_AREAS: readonly FileArea[] = ['uploads', 'imports', 'audit-archive'];

/**
 * Every area's stored files as one (backup and restore: `npm run backup` / `restore`): listed area by
 * area, and a path opened or written through its own area's backend (by its first part).
 */
export function allFileAreas(
  dataDir: string,
  objectStore: S3Settings | null | undefined,
): Pick<FileBackend, 'list' | 'open' | 'write'> {
  const backends = new Map(FILE_AREAS.map((a) => [a, fileBackend(dataDir, objectStore, a)] as const));
  const of = (rel: string): FileBackend => {
    const b = backends.get(rel.split('/')[0] as FileArea);
    if (!b) throw new Error(`${rel}: not in a file area (${FILE_AREAS.join(', ')})`);
    return b;
  };
  return {
    async *list() {
      for (const b of backends.values()) yield* b.list();
    },
    open: (rel) => of(rel).open(rel),
    write: (rel, body, size) => of(rel).write(rel, body, size),
  };
}
