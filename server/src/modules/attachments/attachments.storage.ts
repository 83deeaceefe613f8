import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAGIC_BYTES } from './attachments.files';
import { fileBackend, LocalBackend, type FileBackend, type S3Settings } from './attachments.backend';

export interface Received {
  tmpPath: string;
  size: number;
  sha256: string;
  /** The first bytes, for the signature check. */
  head: Buffer;
  /** The stream stopped at the size limit. */
  truncated: boolean;
}

/**
 * An upload streams to `${dataDir}/uploads/tmp/` while it is hashed and counted, and once it passes
 * the checks is kept at `uploads/YYYY/MM/<id>.<ext>` by the backend (attachments.backend.ts): the
 * data directory (default), or S3-compatible object storage shared by several server processes
 * (STORAGE=s3), where it is streamed from the temporary file. Paths stored in the database are
 * relative to the data directory (the object key on S3) and made only from ids and fixed extensions.
 */
export class AttachmentStorage {
  private readonly root: string;
  readonly backend: FileBackend;
  constructor(dataDir: string, objectStore?: S3Settings | null) {
    this.root = path.resolve(dataDir, 'uploads');
    this.backend = fileBackend(dataDir, objectStore);
  }

  /** Where uploads stream to (`*.part`, on this machine's disk); stale ones are swept by the tmp-sweep job. */
  get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  async receive(id: string, file: Readable & { truncated?: boolean }): Promise<Received> {
    const tmpDir = this.tmpDir;
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${id}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const headParts: Buffer[] = [];
    let headLen = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        hash.update(chunk);
        if (headLen < MAGIC_BYTES) {
          headParts.push(chunk.subarray(0, MAGIC_BYTES - headLen));
          headLen += Math.min(chunk.length, MAGIC_BYTES - headLen);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(file, meter, createWriteStream(tmpPath));
    } catch (e) {
      await this.discard(tmpPath);
      throw e;
    }
    return {
      tmpPath,
      size,
      sha256: hash.digest('hex'),
      head: Buffer.concat(headParts),
      truncated: !!file.truncated,
    };
  }

  /** Moves a checked upload into place; returns its path relative to the data directory. */
  async keep(tmpPath: string, id: string, ext: string, today: string): Promise<string> {
    const rel = path.posix.join('uploads', today.slice(0, 4), today.slice(5, 7), `${id}.${ext}`);
    await this.backend.put(tmpPath, rel, (await stat(tmpPath)).size);
    return rel;
  }

  async discard(p: string) {
    await rm(p, { force: true });
  }

  /** Removes a stored file (by its path relative to the data directory); nothing if already gone. */
  async remove(rel: string) {
    await this.backend.remove(rel);
  }

  /** The absolute path of a stored file on local storage (refuses anything outside the uploads directory). */
  absolute(rel: string): string {
    if (!(this.backend instanceof LocalBackend)) throw new Error('files are kept in object storage (STORAGE=s3)');
    return this.backend.absolute(rel);
  }

  /** A stored file's content as a stream, or null when it is not there. */
  async open(rel: string): Promise<Readable | null> {
    return this.backend.open(rel);
  }
}
