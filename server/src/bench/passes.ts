import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import {
  b64urlEncode,
  passIssueBody,
  passQrText,
  type DeviceAlg,
  type PassCryptoKey,
  type PassVerdictView,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { createUser, DEMO_PASSWORD, validated } from '../seed/factories';
import { Rng } from '../seed/random';
import { createVerifiedWorker } from '../seed/worker-factories';
import type { BenchDatabase } from './databases';
import { login } from './http';
import type { RunInfo, ScenarioResult, Skipped } from './report';
import { progress, runScenarios, type LoadShape, type Scenario } from './scenarios';
import type { BenchTree } from './seed';

/** Issue 12: the online verification endpoint serves at least this share of hello-world's req/s. */
export const VERIFY_RATIO_TARGET = 0.4;
/** Issue 12: offline verification in headless Chromium, per pass after decoding, at most this many ms. */
export const OFFLINE_MS_TARGET = 1;
/** Riders with a pass; every fourth phone has a P-256 device key (a browser without Ed25519). */
const RIDERS = 200;
const ES256_EVERY = 4;
const PASSES_IN_BROWSER = 2000;

export const PASSES_START = '<!-- bench:passes:start -->';
export const PASSES_END = '<!-- bench:passes:end -->';

export interface OfflineResult {
  msPerPass: number;
  passes: number;
  valid: number;
  browser: string;
}

export interface PassesReport {
  label: string;
  riders: { ed25519: number; es256: number };
  setupS: number;
  /** hello-world GET (baseline), hello-world POST, the API floor (published keys), POST /api/passes/verify. */
  scenarios: ScenarioResult[];
  ratio: number;
  /** Scan rows written during the load: at least every acknowledged scan, at most every request sent. */
  scans: { sent: number; acknowledged: number; logged: number };
  offline: OfflineResult | { skipped: string };
}

export const offlinePass = (o: PassesReport['offline']) => 'msPerPass' in o && o.msPerPass <= OFFLINE_MS_TARGET;
export const passesPass = (r: PassesReport) => r.ratio >= VERIFY_RATIO_TARGET && offlinePass(r.offline);

function expect(ok: boolean, what: string) {
  if (!ok) throw new Error(`passes bench: ${what}`);
}

/** A rider's phone: a device key pair made with WebCrypto, the public half raw as base64url. */
async function device(alg: DeviceAlg) {
  const subtle = globalThis.crypto.subtle;
  const params = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  const pair = (await subtle.generateKey(params, true, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  const x = b64urlEncode(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  return { privateKey: pair.privateKey, alg, x };
}

type Rider = { passId: string; token: string; device: Awaited<ReturnType<typeof device>> };

/** One compound with a gate and its guard, RIDERS verified riders each holding a pass bound to a phone key. */
async function setUp(services: Services, admin: RequestContext, tree: BenchTree) {
  const s = services;
  const county = tree.counties[0]!;
  const compound = await s.passes.createCompound(admin, {
    name: '金惠苑',
    address: null,
    regionCode: county.regionCode,
    managingOrgId: county.committeeId,
    hostOrgId: null,
    pilot: true,
    joinedOn: '2025-05-01',
    gates: ['东门', '西门'],
  });
  const gateId = compound.gates[0]!.id;
  const guard = await createUser(
    s,
    admin,
    { username: 'bench_guard', roles: [{ role: 'guard', orgId: county.committeeId }] },
    new Rng(12),
  );
  await s.passes.assignGuard(admin, compound.id, { userId: guard.id, gateId });
  const expiresOn = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  const riders: Rider[] = [];
  for (let i = 0; i < RIDERS; i++) {
    const w = await createVerifiedWorker(s, admin, { regionCode: county.regionCode });
    const d = await device(i % ES256_EVERY === ES256_EVERY - 1 ? 'ES256' : 'Ed25519');
    const pass = await s.passes.issue(
      admin,
      validated(passIssueBody, { workerId: w.id, scope: 'all', expiresOn, device: { alg: d.alg, publicKey: d.x } }),
    );
    riders.push({ passId: pass.id, device: d, token: (await s.passes.tokenForPass(pass.id))! });
  }
  return { compoundId: compound.id, gateId, riders };
}

/** The QR each rider's phone shows now (valid for 60–90 s: the bench takes them just before the run). */
const qrsNow = (riders: readonly Rider[]) =>
  Promise.all(riders.map((r) => passQrText(r.token, r.passId, r.device, Date.now())));

async function verifyOnce(url: string, headers: Record<string, string>, body: object): Promise<PassVerdictView> {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as PassVerdictView;
}

/** The endpoint answers what it should before anything is timed: valid, a replay by client id, a forgery. */
async function checkAnswers(url: string, headers: Record<string, string>, qr: string, gateId: string) {
  const first = await verifyOnce(url, headers, { qr, gateId, clientId: 'bench-check-1' });
  expect(first.verdict === 'valid' && !first.duplicate, `a fresh QR: ${JSON.stringify(first)}`);
  const again = await verifyOnce(url, headers, { qr, gateId, clientId: 'bench-check-1' });
  expect(again.duplicate && again.scanId === first.scanId, `the same client id again: ${JSON.stringify(again)}`);
  const i = qr.indexOf('~') - 10;
  const flipped = qr.slice(0, i) + (qr[i] === 'A' ? 'B' : 'A') + qr.slice(i + 1);
  const forged = await verifyOnce(url, headers, { qr: flipped, gateId, clientId: 'bench-check-2' });
  expect(forged.verdict === 'forged', `one flipped character: ${forged.verdict}`);
}

/**
 * The guard's offline check, in headless Chromium: the pass library bundled as the phone bundles it,
 * `verifyPass` over PASSES_IN_BROWSER QR codes with the keyring imported once (the guard's page keeps one).
 */
async function offline(
  entry: string,
  keys: unknown,
  qrs: readonly string[],
  compoundId: string,
): Promise<OfflineResult | { skipped: string }> {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath} (set CHROMIUM)` };
  const source = path.resolve(path.dirname(entry), '../../schemas/src/pass-token.ts');
  const { build } = await import('esbuild');
  const bundle = await build({
    entryPoints: [source],
    bundle: true,
    format: 'iife',
    globalName: 'PassToken',
    write: false,
    target: 'es2022',
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    // A blank page of its own on 127.0.0.1 (a secure context for WebCrypto, without the app's CSP).
    await page.route('http://127.0.0.1:9/bench', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    await page.goto('http://127.0.0.1:9/bench');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const run = await page.evaluate(
      async ({ keys, qrs, count, compoundId }) => {
        const P = (globalThis as unknown as { PassToken: typeof import('@touyan/schemas') }).PassToken;
        const ring = new P.PassKeyring(keys as never);
        const revocations = new Set<string>();
        // Warm-up (JIT, key imports).
        for (let i = 0; i < 200; i++)
          await P.verifyPass(qrs[i % qrs.length]!, { keys: ring, revocations, compoundId, now: Date.now() });
        const now = Date.now();
        const t0 = performance.now();
        let valid = 0;
        for (let i = 0; i < count; i++) {
          const r = await P.verifyPass(qrs[i % qrs.length]!, { keys: ring, revocations, compoundId, now });
          if (r.verdict === 'valid') valid++;
        }
        return { ms: (performance.now() - t0) / count, valid };
      },
      { keys, qrs, count: PASSES_IN_BROWSER, compoundId },
    );
    return { msPerPass: run.ms, passes: PASSES_IN_BROWSER, valid: run.valid, browser: browser.version() };
  } finally {
    await browser.close();
  }
}

/**
 * "小哥码" (issue 12): the online verification endpoint against the bare hello-world, one after the
 * other (target ≥ 0.40×), each request a new scan (unique client id) of one of RIDERS riders' current
 * QR codes at the guard's gate, as the guard's page sends it; then the offline check in Chromium.
 */
export async function benchPasses(opts: {
  entry: string;
  bench: BenchDatabase;
  services: Services;
  admin: RequestContext;
  tree: BenchTree;
  base: string;
  helloUrl: string;
  shape: LoadShape;
}): Promise<PassesReport> {
  const { bench, services, base } = opts;
  const log = (msg: string) => progress(`${bench.label}: passes: ${msg}`);
  const t0 = performance.now();
  log(`issuing ${RIDERS} passes (one compound, one guard)`);
  const world = await setUp(services, opts.admin, opts.tree);
  const setupS = (performance.now() - t0) / 1000;
  log(`set up in ${setupS.toFixed(1)} s`);
  const cookie = await login(base, { login: 'bench_guard', password: DEMO_PASSWORD });
  const csrf = /(?:^|; )ty_csrf=([^;]+)/.exec(cookie)?.[1];
  expect(csrf !== undefined, 'log-in set no ty_csrf cookie');
  const headers = { cookie, 'x-csrf-token': csrf!, 'content-type': 'application/json' };
  const url = `${base}/api/passes/verify`;
  await checkAnswers(url, headers, (await qrsNow(world.riders.slice(0, 1)))[0]!, world.gateId);

  const qrs = await qrsNow(world.riders);
  const prefix = `bench-${bench.kind}-${Date.now().toString(36)}`;
  const scenarios: Scenario[] = [
    { label: '(a) hello-world', path: 'GET /hello', url: opts.helloUrl, headers: {}, baseline: true },
    {
      // What the load generator and a bare Fastify make of the same POSTs (a body parsed, no app).
      label: "(a') hello-world, POST of a scan",
      path: 'POST /hello',
      url: opts.helloUrl,
      headers: { 'content-type': 'application/json' },
      baseline: false,
      floor: true,
      post: { bodies: qrs.map((qr) => ({ qr, gateId: world.gateId })), uniqueKey: 'clientId', prefix },
    },
    {
      // The floor under any API request: session, permission, serialising, the hooks; no SQL, no crypto.
      label: '(o) guard: published keys',
      path: 'GET /api/passes/public-keys',
      url: `${base}/api/passes/public-keys`,
      headers: { cookie },
      baseline: false,
      floor: true,
    },
    {
      label: '(p) verify a pass',
      path: 'POST /api/passes/verify',
      url,
      headers,
      baseline: false,
      post: { bodies: qrs.map((qr) => ({ qr, gateId: world.gateId })), uniqueKey: 'clientId', prefix },
    },
  ];
  // No SQL probe here: its two cpuUsage calls per statement cost this endpoint ≈ 5 % of its CPU.
  const results = await runScenarios(opts.entry, bench.label, scenarios, opts.shape, null);
  const verify = results[3]!.result;
  const posted = verify.posted!;
  const logged = await sql<{
    n: number | string;
  }>`select count(*) as n from pass_scans where client_id like ${`${prefix}-%`}`
    .execute(bench.database.db)
    .then((r) => Number(r.rows[0]!.n));
  // Every scan answered 2xx is in the table (none acknowledged and lost), none twice.
  expect(
    logged >= posted.acknowledged && logged <= posted.sent,
    `${logged} scans logged; ${posted.acknowledged} acknowledged, ${posted.sent} sent`,
  );
  const ratio = verify.reqPerSec / results[0]!.result.reqPerSec;
  log(`verify / hello-world = ${ratio.toFixed(2)}; ${logged} scans logged (${posted.acknowledged} acknowledged)`);

  const keys = (await services.passes.publicKeys()).items;
  const offlineRun = await offline(opts.entry, keys, await qrsNow(world.riders), world.compoundId);
  log(
    'msPerPass' in offlineRun
      ? `offline in Chromium ${offlineRun.browser}: ${offlineRun.msPerPass.toFixed(3)} ms per pass`
      : `offline skipped: ${offlineRun.skipped}`,
  );
  return {
    label: bench.label,
    riders: {
      ed25519: world.riders.filter((r) => r.device.alg === 'Ed25519').length,
      es256: world.riders.filter((r) => r.device.alg === 'ES256').length,
    },
    setupS,
    scenarios: results,
    ratio,
    scans: { ...posted, logged },
    offline: offlineRun,
  };
}

type Load = ScenarioResult['result'];
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** The markdown for stdout and for the generated part of PERFORMANCE.md's issue-12 section. */
export function renderPassesSection(info: RunInfo, reports: PassesReport[], skipped: Skipped[]): string {
  const loads = reports.flatMap((r) => r.scenarios.map((s) => s.loadAvg));
  const loadRange = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : 'n/a';
  const lines = [
    PASSES_START,
    `Last generated ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` ` +
      `(${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; ` +
      `1-minute load average ${loadRange} while measuring; ${info.connections} connections, ` +
      `${info.warmupS} s warm-up, ${info.durationS} s measured).`,
    '',
    `| database | hello-world GET req/s | hello-world POST of a scan req/s (× GET) | API floor req/s (× GET) | verify req/s | verify p50 / p99 ms | CPU µs/req (GET / POST / floor / verify) | verify × hello-world (≥ ${VERIFY_RATIO_TARGET.toFixed(2)}) | scans acknowledged / logged | offline in Chromium (≤ ${OFFLINE_MS_TARGET} ms) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of reports) {
    const [hello, post, floor, verify] = r.scenarios.map((s) => s.result) as [Load, Load, Load, Load];
    const verdict = r.ratio >= VERIFY_RATIO_TARGET ? 'PASS' : '**FAIL**';
    const off =
      'msPerPass' in r.offline
        ? `${r.offline.msPerPass.toFixed(3)} ms (${r.offline.valid}/${r.offline.passes} valid) ${offlinePass(r.offline) ? 'PASS' : '**FAIL**'}`
        : `skipped: ${r.offline.skipped}`;
    const x = (l: Load) => `${int(l.reqPerSec)} (${(l.reqPerSec / hello.reqPerSec).toFixed(2)})`;
    lines.push(
      `| ${r.label} | ${int(hello.reqPerSec)} | ${x(post)} | ${x(floor)} | ${int(verify.reqPerSec)} | ` +
        `${ms(verify.p50)} / ${ms(verify.p99)} | ` +
        `${[hello, post, floor, verify].map((l) => int(l.cpuPerReqUs)).join(' / ')} | ` +
        `${r.ratio.toFixed(2)} ${verdict} | ${int(r.scans.acknowledged)} / ${int(r.scans.logged)} | ${off} |`,
    );
  }
  for (const s of skipped) lines.push('', `${s.label} skipped: ${s.reason}.`);
  lines.push('', PASSES_END);
  return lines.join('\n');
}
