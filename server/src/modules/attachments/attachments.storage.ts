import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAGIC_BYTES } from './attachments.files';

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
 * Files under `${dataDir}/uploads`: an upload streams to `tmp/` while it is hashed and counted,
 * and is moved to `YYYY/MM/<id>.<ext>` once it passes the checks. Paths stored in the database are
 * relative to the data directory and made only from ids and fixed extensions.
 */
export class AttachmentStorage {
  private readonly root: string;
  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'uploads');
  }

  async receive(id: string, file: Readable & { truncated?: boolean }): Promise<Received> {
    const tmpDir = path.join(this.root, 'tmp');
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
    const abs = this.absolute(rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await rename(tmpPath, abs);
    return rel;
  }

  async discard(p: string) {
    await rm(p, { force: true });
  }

  /** Removes a stored file (by its path relative to the data directory); nothing if already gone. */
  async remove(rel: string) {
    await rm(this.absolute(rel), { force: true });
  }

  /**
   * Removes partial uploads (`tmp/*.part`) last written before `before`: left by a process that
   * stopped mid-upload. An upload in progress writes its file continuously, and no request lasts
   * anywhere near as long as the cut-off.
   */
  async sweepTmp(before: Date): Promise<number> {
    const dir = path.join(this.root, 'tmp');
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
        // Gone meanwhile (finished, or swept by another process).
      }
    }
    return removed;
  }

  /** The absolute path of a stored file (refuses anything outside the uploads directory). */
  absolute(rel: string): string {
    const abs = path.resolve(this.root, '..', rel);
    if (!abs.startsWith(this.root + path.sep)) throw new Error('attachment path outside the uploads directory');
    return abs;
  }

  async open(rel: string): Promise<ReadStream | null> {
    const abs = this.absolute(rel);
    try {
      await stat(abs);
    } catch {
      return null;
    }
    return createReadStream(abs);
  }
}
