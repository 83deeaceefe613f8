#!/usr/bin/env node
// Lighthouse over the built platform: `npm run build && npm run lighthouse [-- options]`.
//
// Starts server/dist/main.js (production mode, a fresh SQLite database with the demo data) on a free
// port, signs the demo accounts in through the API, and runs Lighthouse (node API, simulated
// throttling) in Debian's headless Chromium on the pages below, one after another. Prints a table of
// the four category scores and the failing audits per page.
//
// Options:
//   --json <file>   also write a JSON summary (scores, failing audits, targets missed) to <file>
//   --lhr-dir <dir> also keep each page's full Lighthouse report (<dir>/<page id>.json, for the viewer)
//   --only <ids>    comma-separated page ids (see PAGES), e.g. --only login,judge-home
//   --strict        exit 1 when a target is missed (without it the run only reports)
//   --verbose       also print each failing audit's title and the first failing elements
//
// Not part of `npm test`: a full run takes several minutes. CHROME_PATH picks another browser.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const ROOT = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'Touyan@2025';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--lang=zh-CN',
];

/**
 * The pages measured. `user`: the demo account signed in (none: anonymous); `path` may be a function
 * of the context (ids looked up through the API); `targets`: minimum scores (0–100) per category.
 */
const FULL = { accessibility: 100, 'best-practices': 100 };
const PHONE_PAGE = { ...FULL, performance: 90 };
const PAGES = [
  { id: 'login', user: null, path: '/login', preset: 'mobile', targets: PHONE_PAGE },
  { id: 'judge-home', user: 'dd_judge', path: '/judge', preset: 'mobile', targets: PHONE_PAGE },
  {
    id: 'judge-scoring',
    user: 'dd_judge',
    path: (ctx) => `/judge/contests/${ctx.contestId}`,
    preset: 'mobile',
    targets: PHONE_PAGE,
  },
  { id: 'staff-home', user: 'dd_staff', path: '/', preset: 'desktop', targets: FULL },
  { id: 'staff-home-m', user: 'dd_staff', path: '/', preset: 'mobile', targets: FULL },
  { id: 'projects', user: 'dd_staff', path: '/projects', preset: 'desktop', targets: FULL },
  { id: 'projects-m', user: 'dd_staff', path: '/projects', preset: 'mobile', targets: FULL },
  { id: 'secretary-home', user: 'dd_secretary', path: '/', preset: 'mobile', targets: FULL },
  {
    id: 'big-screen',
    user: 'dd_staff',
    path: (ctx) => `/screen/contests/${ctx.contestId}`,
    preset: 'desktop',
    targets: FULL,
  },
];

const { values: opts } = parseArgs({
  options: {
    json: { type: 'string' },
    'lhr-dir': { type: 'string' },
    only: { type: 'string' },
    strict: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(
    'usage: npm run lighthouse -- [--json <file>] [--lhr-dir <dir>] [--only <ids>] [--strict] [--verbose]\n' +
      `pages: ${PAGES.map((p) => p.id).join(', ')}`,
  );
  process.exit(0);
}
const only = opts.only ? new Set(opts.only.split(',').map((s) => s.trim())) : null;
const unknown = only ? [...only].filter((id) => !PAGES.some((p) => p.id === id)) : [];
if (unknown.length) fail(`unknown page id(s): ${unknown.join(', ')}; pages: ${PAGES.map((p) => p.id).join(', ')}`);
const pages = PAGES.filter((p) => !only || only.has(p.id));

function fail(message) {
  console.error(`lighthouse: ${message}`);
  process.exit(2);
}

const SERVER_MAIN = path.join(ROOT, 'server/dist/main.js');
const WEB_INDEX = path.join(ROOT, 'web/dist/index.html');
if (!existsSync(SERVER_MAIN) || !existsSync(WEB_INDEX)) fail('the platform is not built: run `npm run build` first');
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROME_PATH)) fail(`no browser at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`);

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The built platform in production mode over a throwaway data directory, seeded with the demo data. */
async function startPlatform() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'touyan-lighthouse-'));
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SECRET_KEY: randomBytes(32).toString('hex'),
      SEED_DEMO: 'true',
      // Plain HTTP on the loopback: a Secure cookie would still be kept, but nothing here needs it.
      COOKIE_SECURE: 'false',
      LOGIN_RATE_LIMIT_PER_MIN: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exited = null;
  child.on('exit', (code) => (exited = code ?? 'signal'));
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) fail(`the server exited (${exited}) before answering /api/health`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      fail('the server did not answer /api/health within 180 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, stop };
}

/** Signs a demo account in through the API; the `Cookie` header value of its session. */
async function signIn(baseUrl, login) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`${login} could not sign in: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function getJson(baseUrl, cookie, url) {
  const res = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Ids the page paths need: the 丹东 contest that is drawn and ready (the judges' and the big screen's). */
async function lookUp(baseUrl, cookies) {
  const list = await getJson(
    baseUrl,
    cookies.dd_staff ?? (await signIn(baseUrl, 'dd_staff')),
    '/api/contests?limit=50',
  );
  const contest = list.items.find((c) => c.status === 'ready') ?? list.items[0];
  if (!contest) throw new Error('the demo data has no contest for dd_staff');
  return { contestId: contest.id };
}

/** The rows of an audit's details (tables, opportunities, and lists of tables). */
function detailItems(details) {
  if (!details || !Array.isArray(details.items)) return [];
  if (details.type === 'list') return details.items.flatMap((sub) => detailItems(sub));
  return details.items;
}

/** One row of an audit's details, in a line: the element (and why it fails), or the resource. */
function describeItem(it) {
  if (it.node) {
    const why = it.node.explanation?.split('\n').find((l) => /contrast|name|label|size/i.test(l)) ?? '';
    return `${it.node.selector ?? ''} ${it.node.snippet ?? ''}${why ? ` — ${why.trim()}` : ''}`.trim();
  }
  if (it.issueType)
    return `${it.issueType}${it.subItems?.items?.length ? `: ${JSON.stringify(it.subItems.items[0])}` : ''}`;
  if (it.description) return `${it.source?.url ?? it.url ?? ''} ${it.description}`.trim();
  return it.url ?? it.source?.url ?? null;
}

/** Failing audits of the four categories (score below 0.9 for the metrics, below 1 otherwise). */
function failingAudits(lhr) {
  const out = [];
  for (const cat of CATEGORIES) {
    for (const ref of lhr.categories[cat]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.scoreDisplayMode === 'notApplicable') continue;
      if (audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'manual') continue;
      const limit = ref.group === 'metrics' ? 0.9 : 1;
      if (audit.score < limit && !out.some((a) => a.id === audit.id)) {
        const items = detailItems(audit.details);
        out.push({
          id: audit.id,
          category: cat,
          weight: ref.weight,
          score: audit.score,
          title: audit.title,
          displayValue: audit.displayValue,
          items: items.map(describeItem).filter(Boolean).slice(0, 20),
        });
      }
    }
  }
  // Weighted audits (those that move a score) first.
  return out.sort((a, b) => Number(b.weight > 0) - Number(a.weight > 0));
}

function pad(s, n) {
  s = String(s);
  return s + ' '.repeat(Math.max(0, n - s.length));
}

async function main() {
  const started = Date.now();
  console.log('lighthouse: starting the built platform with the demo data …');
  const platform = await startPlatform();
  let chrome;
  let version = null;
  const results = [];
  try {
    const cookies = {};
    for (const user of new Set(pages.map((p) => p.user).filter(Boolean))) {
      cookies[user] = await signIn(platform.baseUrl, user);
    }
    const needsIds = pages.some((p) => typeof p.path === 'function');
    const ctx = needsIds ? await lookUp(platform.baseUrl, cookies) : {};
    chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
    for (const page of pages) {
      const url = platform.baseUrl + (typeof page.path === 'function' ? page.path(ctx) : page.path);
      process.stdout.write(`lighthouse: ${page.id} (${page.preset}) ${url} … `);
      const flags = {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        extraHeaders: page.user ? { Cookie: cookies[page.user] } : undefined,
      };
      const t0 = Date.now();
      const run = await lighthouse(url, flags, page.preset === 'desktop' ? desktopConfig : undefined);
      if (!run) throw new Error(`Lighthouse returned nothing for ${page.id}`);
      const { lhr } = run;
      if (opts['lhr-dir']) {
        mkdirSync(opts['lhr-dir'], { recursive: true });
        writeFileSync(path.join(opts['lhr-dir'], `${page.id}.json`), run.report);
      }
      version = lhr.lighthouseVersion;
      if (lhr.runtimeError) console.log(`runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]),
      );
      const missed = Object.entries(page.targets)
        .filter(([cat, min]) => scores[cat] === null || scores[cat] < min)
        .map(([cat, min]) => ({ category: cat, target: min, score: scores[cat] }));
      results.push({
        id: page.id,
        preset: page.preset,
        user: page.user,
        url: url.slice(platform.baseUrl.length),
        finalUrl: lhr.finalDisplayedUrl?.replace(platform.baseUrl, ''),
        scores,
        targets: page.targets,
        missed,
        metrics: {
          fcp: lhr.audits['first-contentful-paint']?.displayValue,
          lcp: lhr.audits['largest-contentful-paint']?.displayValue,
          tbt: lhr.audits['total-blocking-time']?.displayValue,
          cls: lhr.audits['cumulative-layout-shift']?.displayValue,
        },
        failing: failingAudits(lhr),
        warnings: lhr.runWarnings,
      });
      console.log(`${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await chrome?.kill();
    await platform.stop();
  }

  // The table.
  const head = ['page', 'preset', 'perf', 'a11y', 'bp', 'seo', 'failing audits'];
  const widths = [16, 8, 5, 5, 5, 5];
  console.log('');
  console.log(head.map((h, i) => pad(h, widths[i] ?? 0)).join(' '));
  console.log(head.map((h, i) => '-'.repeat(widths[i] ?? 14)).join(' '));
  for (const r of results) {
    const cell = (cat) => {
      const s = r.scores[cat];
      const missed = r.missed.some((m) => m.category === cat);
      return `${s ?? '–'}${missed ? '!' : ''}`;
    };
    console.log(
      [
        pad(r.id, widths[0]),
        pad(r.preset, widths[1]),
        pad(cell('performance'), widths[2]),
        pad(cell('accessibility'), widths[3]),
        pad(cell('best-practices'), widths[4]),
        pad(cell('seo'), widths[5]),
        r.failing
          .filter((a) => a.weight > 0)
          .map((a) => a.id)
          .join(' ') || '—',
      ].join(' '),
    );
  }
  console.log('\n! below target. Failing audits that move a score; --verbose (and --json) also list the rest.');
  if (opts.verbose) {
    for (const r of results) {
      if (!r.failing.length) continue;
      console.log(`\n${r.id} (${r.preset}) ${r.url}`);
      for (const a of r.failing) {
        console.log(`  ${a.id} [${a.category}] ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
        for (const n of a.items.slice(0, 8)) console.log(`      ${String(n).slice(0, 240)}`);
      }
    }
  }
  const missed = results.filter((r) => r.missed.length);
  const summary = {
    lighthouse: version,
    chrome: CHROME_PATH,
    at: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    pages: results,
    targetsMissed: missed.map((r) => ({ id: r.id, missed: r.missed })),
  };
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`lighthouse: summary written to ${opts.json}`);
  }
  if (missed.length) {
    console.log(`lighthouse: targets missed on ${missed.map((r) => r.id).join(', ')}`);
    if (opts.strict) process.exit(1);
  } else {
    console.log('lighthouse: every target met');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
