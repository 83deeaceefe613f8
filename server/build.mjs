// Bundles the server (and the workspace schemas package) into dist/; npm dependencies stay external.
// `node build.mjs --bench` bundles the load bench (src/bench.ts) into dist-bench/ instead: it is a
// development tool (autocannon, seeding 10,000 records) and stays out of the production output.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@touyan/'));
const bench = process.argv.includes('--bench');
const outdir = bench ? 'dist-bench' : 'dist';

// A fresh directory: nothing left over from an earlier build (such as a bench bundle) ships.
rmSync(new URL(`./${outdir}`, import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: bench
    ? ['src/bench.ts', 'src/seed-city.ts', 'src/gigs-profile.ts']
    : [
        'src/main.ts',
        'src/migrate.ts',
        'src/seed.ts',
        'src/rotate-key.ts',
        'src/backup.ts',
        'src/restore.ts',
        'src/rebuild-summaries.ts',
      ],
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // The bench's load generator, and what its 小哥码 part drives headless Chromium with (loaded when it runs).
  external: bench ? [...external, 'autocannon', 'esbuild', 'playwright-core'] : external,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
