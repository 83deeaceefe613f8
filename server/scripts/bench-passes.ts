/**
 * 小哥码 bench (issue 12), ratios in one run (`npm run bench:passes`):
 *  1. The online verification endpoint (POST /api/passes/verify: issuer + device signatures, the
 *     revocation lookup, the scan log write) against the bare Fastify hello-world, same machine, same
 *     autocannon settings, one after the other: target ≥ 0.40×.
 *  2. Offline verification in headless Chromium (the guard's phone): `verifyPass` per pass after
 *     decoding, with the keyring imported once, averaged over many passes: target ≤ 1 ms.
 * SQLite (or PostgreSQL with TEST_DATABASE_URL, through the test harness).
 */
import { build } from 'esbuild';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { b64urlEncode, passIssueBody, passQrText, type PassCryptoKey } from '@touyan/schemas';
import { createPartyOrg, createUser, validated } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { createVerifiedWorker } from '../src/seed/worker-factories';
import { listenLocal, startHelloWorld } from '../src/bench/http';
import { createTestApp, login } from '../test/harness';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PASSES_IN_BROWSER = 2000;

type Opts = Record<string, unknown>;
async function load(opts: Opts): Promise<{ rps: number; p99: number; non2xx: number }> {
  const r = (await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts } as never)) as unknown as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
}

async function device() {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  return {
    privateKey: pair.privateKey,
    alg: 'Ed25519' as const,
    x: b64urlEncode(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))),
    pkcs8: b64urlEncode(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey))),
  };
}

async function main() {
  const t = await createTestApp();
  const s = t.services;
  const rng = new Rng(12);
  const org = await createPartyOrg(
    s,
    t.admin,
    { name: '惠山区委社会工作部', type: 'sw_dept', regionCode: '320206', parentId: null },
    rng,
  );
  const compound = await s.passes.createCompound(t.admin, {
    name: '金惠苑',
    address: null,
    regionCode: '320206',
    managingOrgId: org.id,
    hostOrgId: null,
    pilot: true,
    joinedOn: '2025-05-01',
    gates: ['东门'],
  });
  const guardUser = await createUser(
    s,
    t.admin,
    { username: 'bench_guard', roles: [{ role: 'guard', orgId: org.id }] },
    rng,
  );
  await s.passes.assignGuard(t.admin, compound.id, { userId: guardUser.id, gateId: compound.gates[0]!.id });
  const expiresOn = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  const riders = [];
  for (let i = 0; i < 20; i++) {
    const w = await createVerifiedWorker(s, t.admin, { regionCode: '320206' });
    const d = await device();
    const pass = await s.passes.issue(
      t.admin,
      validated(passIssueBody, { workerId: w.id, scope: 'all', expiresOn, device: { alg: d.alg, publicKey: d.x } }),
    );
    riders.push({ pass, device: d, token: (await s.passes.tokenForPass(pass.id))! });
  }
  const base = await listenLocal(t.app);
  const guard = await login(t.app, 'bench_guard');
  const qrs = await Promise.all(riders.map((r) => passQrText(r.token, r.pass.id, r.device, Date.now())));

  // 1. Online verification vs hello-world, same run.
  const hello = await startHelloWorld();
  await load({ url: hello.url, duration: 2 });
  const helloRun = await load({ url: hello.url });
  await hello.app.close();
  let n = 0;
  const verifyOpts = {
    url: `${base}/api/passes/verify`,
    method: 'POST',
    headers: { cookie: guard.cookie, 'x-csrf-token': guard.csrf, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: Opts) => ({
          ...req,
          body: JSON.stringify({ qr: qrs[n % qrs.length], clientId: `bench-${process.pid}-${++n}` }),
        }),
      },
    ],
  };
  await load({ ...verifyOpts, duration: 2 });
  const verifyRun = await load(verifyOpts);
  const ratio = verifyRun.rps / helloRun.rps;

  // 2. Offline verification in headless Chromium, the library bundled as the phone page bundles it.
  const bundle = await build({
    stdin: {
      contents: "export * from './schemas/src/pass-token';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'PassToken',
    write: false,
    target: 'es2022',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  // A blank page of its own on 127.0.0.1 (a secure context for WebCrypto, without the app's CSP).
  await page.route('http://127.0.0.1:9/bench', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
  );
  await page.goto('http://127.0.0.1:9/bench');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const keys = (await s.passes.publicKeys()).items;
  const browserRun = await page.evaluate(
    async ({ keys, qrs, count, compoundId }) => {
      const P = (globalThis as unknown as { PassToken: typeof import('../../schemas/src/pass-token') }).PassToken;
      const ring = new P.PassKeyring(keys as never);
      const revocations = new Set<string>();
      // Warm-up (JIT, key import).
      for (let i = 0; i < 100; i++)
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
    { keys, qrs, count: PASSES_IN_BROWSER, compoundId: compound.id },
  );
  const version = await browser.version();
  await browser.close();

  const scanCount = (await s.passes.stats(t.admin, {})).total;
  await t.close();
  const lines = [
    `hello-world: ${Math.round(helloRun.rps)} req/s (p99 ${helloRun.p99} ms)`,
    `POST /api/passes/verify: ${Math.round(verifyRun.rps)} req/s (p99 ${verifyRun.p99} ms, non-2xx ${verifyRun.non2xx}); scans logged ${scanCount}`,
    `ratio verify / hello-world: ${ratio.toFixed(2)} (target ≥ 0.40: ${ratio >= 0.4 ? 'PASS' : 'FAIL'})`,
    `offline verify in Chromium ${version}: ${browserRun.ms.toFixed(3)} ms per pass over ${PASSES_IN_BROWSER} (${browserRun.valid} valid) (target ≤ 1 ms: ${browserRun.ms <= 1 ? 'PASS' : 'FAIL'})`,
  ];
  console.log(lines.join('\n'));
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
