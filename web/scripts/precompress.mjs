// Precompresses the built web app (run after `vite build`): next to every text file over 1 KB in
// dist/ it writes file.br (brotli, quality 11) and file.gz (gzip, level 9), which the server sends
// as they are to a browser that accepts them (@fastify/static preCompressed), so no request pays
// for compressing. A variant that would not be smaller is not written.
// Usage: node scripts/precompress.mjs [folder]   (default: web/dist)
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const dist = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest']);
const MIN_BYTES = 1024;

const br = promisify(brotliCompress);
const gz = promisify(gzip);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/** Writes the variant when it saves bytes; removes a stale one from an earlier build otherwise. */
async function variant(file, raw, ext, compress) {
  const out = await compress(raw);
  if (out.length < raw.length) await writeFile(file + ext, out);
  else await unlink(file + ext).catch(() => undefined);
  return out.length;
}

const started = Date.now();
const totals = { files: 0, raw: 0, gz: 0, br: 0 };
const jobs = [];
for await (const file of files(dist)) {
  if (!TEXT.has(path.extname(file))) continue;
  const { size } = await stat(file);
  if (size < MIN_BYTES) continue;
  jobs.push(
    (async () => {
      const raw = await readFile(file);
      const [g, b] = await Promise.all([
        variant(file, raw, '.gz', (buf) => gz(buf, { level: 9 })),
        variant(file, raw, '.br', (buf) =>
          br(buf, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
        ),
      ]);
      totals.files++;
      totals.raw += raw.length;
      totals.gz += g;
      totals.br += b;
    })(),
  );
}
await Promise.all(jobs);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `precompressed ${totals.files} files in ${Date.now() - started} ms: ${kb(totals.raw)} → gzip ${kb(totals.gz)}, brotli ${kb(totals.br)}`,
);
