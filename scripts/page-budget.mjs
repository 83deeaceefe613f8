#!/usr/bin/env node
/**
 * Page weight budget (CONVENTIONS.md "Budgets"; docs/PERFORMANCE.md "Page weight (issue 9)").
 *
 * Reads the Vite manifest of the built web app (web/dist/.vite/manifest.json) and, for every page in
 * PAGES, computes the JavaScript a browser loads to show that page the first time:
 *   the entry of index.html and everything it imports statically (transitively),
 *   plus each lazy module the page renders (React.lazy / import()) and its static imports.
 * Each file counts once per page. It sums the raw and gzip (level 9) sizes, prints a table and exits
 * with 1 when a page is over its budget or a page's module is missing from the manifest.
 *
 *   node scripts/page-budget.mjs [--dist web/dist] [--json]
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Budgets in KB (1 KB = 1,000 bytes) of gzipped JS on first load, by kind of page. */
export const BUDGETS_KB = {
  /** Pages used on a phone (judge, rider, guard, field visit) and the login page: light shell, no antd. */
  phone: 150,
  /** The administration app (antd layout and pages). */
  admin: 600,
};

/**
 * The pages measured: one place to add a page. `modules` are the source paths (relative to web/) of
 * the lazy modules rendered on that page, outermost first, as they appear as keys of the manifest.
 * Later phone pages (rider pass, guard scan, specialist visit) are added here with kind 'phone', e.g.
 *   { name: 'rider pass', path: '/rider/pass', kind: 'phone', modules: ['src/features/riders/RiderPassPage.tsx'] },
 */
export const PAGES = [
  { name: 'login', path: '/login', kind: 'phone', modules: ['src/features/auth/LoginPage.tsx'] },
  { name: 'judge home', path: '/judge', kind: 'phone', modules: ['src/features/contests/JudgeHomePage.tsx'] },
  {
    name: 'judge scoring',
    path: '/judge/contests/:id',
    kind: 'phone',
    modules: ['src/features/contests/JudgeContestPage.tsx'],
  },
  {
    name: 'big screen',
    path: '/screen/contests/:id',
    kind: 'phone',
    modules: ['src/features/contests/BigScreenPage.tsx'],
  },
  { name: 'specialist visits', path: '/field', kind: 'phone', modules: ['src/features/visits/FieldPage.tsx'] },
  { name: 'station finder', path: '/stations', kind: 'phone', modules: ['src/features/stations/StationsPage.tsx'] },
  { name: 'station manager', path: '/station', kind: 'phone', modules: ['src/features/stations/StationPage.tsx'] },
  { name: 'worker registration', path: '/worker', kind: 'phone', modules: ['src/features/workers/WorkerPage.tsx'] },
  { name: 'gig jobs for me', path: '/gigs', kind: 'phone', modules: ['src/features/gigs/GigsPage.tsx'] },
  { name: 'gig fair on site', path: '/gigs/fair/:id', kind: 'phone', modules: ['src/features/gigs/GigFairPage.tsx'] },
  { name: 'mediator desk', path: '/mediator', kind: 'phone', modules: ['src/features/disputes/MediatorPage.tsx'] },
  {
    name: 'mediation agreement',
    path: '/disputes/:id/agreement',
    kind: 'phone',
    modules: ['src/features/disputes/AgreementPage.tsx'],
  },
  {
    name: 'dispute case summary',
    path: '/disputes/:id/summary',
    kind: 'phone',
    modules: ['src/features/disputes/SummaryPage.tsx'],
  },
  {
    name: 'my labour disputes',
    path: '/worker/disputes',
    kind: 'phone',
    modules: ['src/features/disputes/MyDisputesPage.tsx'],
  },
  {
    name: 'online visit form',
    path: '/v/:token',
    kind: 'phone',
    modules: ['src/features/visits/OnlineVisitPage.tsx'],
  },
  { name: 'rider pass', path: '/rider', kind: 'phone', modules: ['src/features/passes/RiderPage.tsx'] },
  { name: 'guard check', path: '/guard', kind: 'phone', modules: ['src/features/passes/GuardPage.tsx'] },
  { name: 'admin home', path: '/', kind: 'admin', modules: ['src/AdminApp.tsx', 'src/features/home/HomePage.tsx'] },
  {
    name: 'admin contest list',
    path: '/contests',
    kind: 'admin',
    modules: ['src/AdminApp.tsx', 'src/features/contests/ContestsPage.tsx'],
  },
  {
    name: 'admin labour disputes',
    path: '/disputes',
    kind: 'admin',
    modules: ['src/AdminApp.tsx', 'src/features/disputes/DisputesPage.tsx'],
  },
  {
    name: 'oversight dashboard',
    path: '/dashboards',
    kind: 'admin',
    modules: ['src/AdminApp.tsx', 'src/features/dashboards/DashboardPage.tsx'],
  },
  {
    name: 'data big screen',
    path: '/screen',
    kind: 'admin',
    modules: ['src/AdminApp.tsx', 'src/features/dashboards/ScreenPage.tsx'],
  },
];

/** The manifest key of the HTML entry. */
export const ENTRY = 'index.html';

/**
 * The manifest keys loaded on first load: the entry and the page's lazy modules, each with its static
 * imports, transitively (dynamic imports of those are not followed: they load later, if ever).
 * Throws when a key is not in the manifest.
 */
export function firstLoadKeys(manifest, roots) {
  const seen = new Set();
  const visit = (key, from) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`"${key}"${from ? ` (imported by "${from}")` : ''} is not in the Vite manifest`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep, key);
  };
  for (const root of roots) visit(root, null);
  return [...seen];
}

/** The JS files of a first-load set (CSS and assets are listed apart in the manifest and not counted). */
export function firstLoadFiles(manifest, roots) {
  const files = firstLoadKeys(manifest, roots)
    .map((k) => manifest[k].file)
    .filter((f) => /\.m?js$/.test(f));
  return [...new Set(files)];
}

/** Raw and gzip (level 9) byte sizes of files under `dist`, memoised. */
export function sizer(dist) {
  const cache = new Map();
  return (file) => {
    let s = cache.get(file);
    if (!s) {
      const buf = readFileSync(path.join(dist, file));
      s = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
      cache.set(file, s);
    }
    return s;
  };
}

/** One row per page: its files and sizes, budget and verdict. */
export function measure(manifest, sizeOf, pages = PAGES, budgets = BUDGETS_KB) {
  return pages.map((page) => {
    const budgetKb = page.budgetKb ?? budgets[page.kind];
    try {
      const files = firstLoadFiles(manifest, [ENTRY, ...page.modules]);
      let raw = 0;
      let gz = 0;
      for (const f of files) {
        const s = sizeOf(f);
        raw += s.raw;
        gz += s.gz;
      }
      return { ...page, files, raw, gz, budgetKb, ok: gz <= budgetKb * 1000 };
    } catch (e) {
      return { ...page, files: [], raw: 0, gz: 0, budgetKb, ok: false, error: e.message };
    }
  });
}

const kb = (n) => (n / 1000).toFixed(1);

export function formatTable(rows) {
  const head = ['page', 'path', 'files', 'raw KB', 'gz KB', 'budget', ''];
  const body = rows.map((r) => [
    r.name,
    r.path,
    String(r.files.length),
    kb(r.raw),
    kb(r.gz),
    `${r.budgetKb}`,
    r.error ? 'ERROR' : r.ok ? 'OK' : 'OVER',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (cells) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  for (const r of rows) if (r.error) out.push(`ERROR ${r.name}: ${r.error} (update PAGES in scripts/page-budget.mjs)`);
  return out.join('\n');
}

function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const distArg = argv.indexOf('--dist');
  const dist = path.resolve(root, distArg >= 0 ? argv[distArg + 1] : 'web/dist');
  const manifestPath = path.join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(
      `page-budget: ${manifestPath} is missing; run \`npm run build -w web\` first (build.manifest is on).`,
    );
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const rows = measure(manifest, sizer(dist));
  if (argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(
      `JS on first load per page (gzip -9), budgets: phone ${BUDGETS_KB.phone} KB, admin ${BUDGETS_KB.admin} KB`,
    );
    console.log(formatTable(rows));
    if (argv.includes('--files')) for (const r of rows) console.log(`\n${r.name}:\n  ${r.files.join('\n  ')}`);
  }
  const bad = rows.filter((r) => !r.ok);
  if (bad.length) console.error(`\npage-budget: over budget or broken: ${bad.map((r) => r.name).join(', ')}`);
  return bad.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
