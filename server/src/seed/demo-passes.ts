import {
  b64urlEncode,
  compoundCreateBody,
  passIssueBody,
  passQrText,
  verifyPass,
  workerListQuery,
  type DeviceAlg,
  type PassCryptoKey,
  type PassVerdict,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { runWithClock, SimulatedClock } from '../core/clock';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { createUser, ctxOf, validated } from './factories';
import { Rng } from './random';

/** 惠山区's 小哥码 pilot (issue 12): how many compounds, how many in the pilot, scans over the last weeks. */
export const HS_COMPOUNDS = 30;
export const HS_PILOT_COMPOUNDS = 26;
export const HS_GUARDED_COMPOUNDS = 12;
export const HS_PASSES = 120;
export const HS_PASSES_EXPIRED = 10;
export const HS_PASSES_REVOKED = 8;
export const HS_SCAN_DAYS = 28;
export const HS_SCANS_PER_DAY = 22;

const COMPOUNDS = [
  ['惠山新城·金惠苑', '堰桥街道惠山大道1号'],
  ['玉祁·锦绣江南', '玉祁街道玉祁路88号'],
  ['洛社·万达华府', '洛社镇人民中路18号'],
  ['堰桥·西漳家园', '堰桥街道西漳路120号'],
  ['长安·润泽家园', '长安街道长安路66号'],
  ['钱桥·盛岸花园', '钱桥街道盛岸西路9号'],
  ['前洲·御景湾', '前洲街道前洲路201号'],
  ['阳山·桃源新村', '阳山镇桃园路30号'],
  ['惠山新城·水岸花苑', '堰桥街道政和大道56号'],
  ['堰桥·藕塘新村', '堰桥街道藕塘路12号'],
  ['长安·天一新苑', '长安街道天一路7号'],
  ['洛社·双庙新村', '洛社镇双庙路45号'],
  ['钱桥·舜柯家园', '钱桥街道舜柯路23号'],
  ['玉祁·龙兴苑', '玉祁街道龙兴路5号'],
  ['前洲·北幢新村', '前洲街道北幢路77号'],
  ['阳山·火车站新村', '阳山镇站前路3号'],
  ['惠山新城·中惠悦府', '堰桥街道吴韵路168号'],
  ['堰桥·华润橡树湾', '堰桥街道堰新路99号'],
  ['长安·金科米兰', '长安街道惠泉路58号'],
  ['洛社·杨市新苑', '洛社镇杨市路16号'],
  ['钱桥·晓丰花园', '钱桥街道晓丰路8号'],
  ['前洲·西塘家园', '前洲街道西塘路40号'],
  ['惠山新城·融创玖樟台', '堰桥街道文惠路19号'],
  ['堰桥·绿地香树花城', '堰桥街道锦惠路150号'],
  ['长安·碧桂园天玺', '长安街道寺前路28号'],
  ['洛社·新惠家园', '洛社镇新惠路2号'],
  ['钱桥·溪南新村', '钱桥街道溪南路60号'],
  ['玉祁·礼舍家园', '玉祁街道礼舍路11号'],
  ['前洲·堰玉花园', '前洲街道堰玉路35号'],
  ['阳山·陆区家园', '阳山镇陆区路22号'],
] as const;
const REVOKE_REASONS = ['已离开配送岗位', '多次违规进入小区，经核实吊销', '手机遗失，重新申领'];

interface Rider {
  passId: string;
  token: string;
  device: { privateKey: PassCryptoKey; alg: DeviceAlg };
  compounds: string[] | 'ALL';
  revoked: boolean;
}

async function deviceKey(): Promise<{ privateKey: PassCryptoKey; alg: DeviceAlg; x: string }> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as {
    privateKey: PassCryptoKey;
    publicKey: PassCryptoKey;
  };
  return {
    privateKey: pair.privateKey,
    alg: 'Ed25519',
    x: b64urlEncode(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))),
  };
}

const daysFrom = (iso: string, days: number) => shanghaiDate(new Date(Date.parse(iso) + days * 86_400_000));

/**
 * 惠山区's 小哥码 pilot through the services: HS_COMPOUNDS compounds (most in the pilot, joined over 2025)
 * with gates; guards at HS_GUARDED_COMPOUNDS of them (hs_guard at the first); passes for verified riders
 * (all pilot compounds or a few), some expired, some revoked with a reason; and HS_SCAN_DAYS days of
 * scans up to today at the guarded gates, through the guards' verification — mostly valid, some
 * expired or revoked passes, replayed screenshots, a few forged codes, some uploaded from the offline
 * queue. hs_worker holds a pass for every pilot compound; their phone registers its key on first open.
 */
export async function seedPassDemo(services: Services, localities: readonly SeededLocality[]): Promise<void> {
  const hs = localities.find((l) => l.key === 'hs');
  if (!hs) return;
  const rng = new Rng(320_206_12);
  const staff = await ctxOf(services, 'hs_staff');
  const started = new Date(Date.now() - HS_SCAN_DAYS * 86_400_000);
  started.setUTCHours(1, 0, 0, 0);
  const clock = new SimulatedClock(started.toISOString());

  await runWithClock(clock.now, async () => {
    // Compounds joined the pilot over 2025; the last few are not in it (yet).
    const compounds = [];
    for (const [i, [name, address]] of COMPOUNDS.entries()) {
      const pilot = i < HS_PILOT_COMPOUNDS;
      const month = 3 + Math.floor((i / HS_PILOT_COMPOUNDS) * 9);
      compounds.push(
        await services.passes.createCompound(
          staff,
          validated(compoundCreateBody, {
            name,
            address: `无锡市惠山区${address}`,
            regionCode: '320206',
            managingOrgId: hs.root.id,
            pilot,
            joinedOn: pilot
              ? `2025-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
              : null,
            gates: i % 3 === 0 ? ['东门', '南门', '西门'] : ['正门', '北门'],
          }),
        ),
      );
    }
    // Guards: hs_guard at the first compound's first gate, one more guard at each of the next ones.
    const guards: { ctx: RequestContext; compoundId: string }[] = [];
    for (let i = 0; i < HS_GUARDED_COMPOUNDS; i++) {
      const c = compounds[i]!;
      const username = i === 0 ? 'hs_guard' : `hs_guard_${String(i).padStart(2, '0')}`;
      if (i > 0)
        await createUser(
          services,
          staff,
          { username, displayName: `门岗${c.name.split('·')[1]}`, roles: [{ role: 'guard', orgId: hs.root.id }] },
          rng,
        );
      const ctx = await ctxOf(services, username);
      await services.passes.assignGuard(staff, c.id, { userId: ctx.actor.userId, gateId: c.gates[0]!.id });
      guards.push({ ctx, compoundId: c.id });
    }
    const pilotIds = compounds.slice(0, HS_PILOT_COMPOUNDS).map((c) => c.id);
    const guarded = guards.map((g) => g.compoundId);

    // hs_worker: a pass for every pilot compound (no phone key yet: the rider page registers it).
    const self = await ctxOf(services, 'hs_worker');
    const mine = await services.workers.me(self);
    if (mine.worker)
      await services.passes.issue(
        staff,
        validated(passIssueBody, {
          workerId: mine.worker.id,
          scope: 'all',
          expiresOn: daysFrom(started.toISOString(), 300),
        }),
      );

    // Verified riders (food delivery and couriers first) get passes, issued with their phone's key.
    const verified = (
      await services.workers.list(staff, validated(workerListQuery, { status: 'verified', limit: '200' }))
    ).items.filter((w) => w.id !== mine.worker?.id);
    const riders: Rider[] = [];
    for (const [i, w] of verified.slice(0, HS_PASSES).entries()) {
      const device = await deviceKey();
      const expired = i < HS_PASSES_EXPIRED;
      const all = rng.chance(0.6);
      const list = rng.shuffle([...guarded]).slice(0, rng.int(1, 3));
      if (!all && rng.chance(0.5)) list.push(rng.pick(pilotIds));
      const pass = await services.passes.issue(
        staff,
        validated(passIssueBody, {
          workerId: w.id,
          scope: all ? 'all' : 'list',
          compoundIds: all ? [] : [...new Set(list)],
          expiresOn: daysFrom(started.toISOString(), expired ? rng.int(5, 15) : rng.int(120, 360)),
          device: { alg: device.alg, publicKey: device.x },
        }),
      );
      riders.push({
        passId: pass.id,
        token: (await services.passes.tokenForPass(pass.id))!,
        device,
        compounds: all ? 'ALL' : [...new Set(list)],
        revoked: false,
      });
    }

    // Scans, day by day, at the guarded gates: lunch and dinner peaks; revocations half way through.
    const revokeOn = Math.floor(HS_SCAN_DAYS / 2);
    const toRevoke = rng.shuffle(riders.slice(HS_PASSES_EXPIRED)).slice(0, HS_PASSES_REVOKED);
    let serial = 0;
    for (let day = 0; day < HS_SCAN_DAYS; day++) {
      const dayStart = Date.parse(`${daysFrom(started.toISOString(), day)}T00:00:00+08:00`);
      if (day === revokeOn)
        for (const r of toRevoke) {
          clock.set(new Date(dayStart + 10 * 3_600_000).toISOString());
          const p = await services.passes.get(staff, r.passId);
          await services.passes.revoke(staff, r.passId, { reason: rng.pick(REVOKE_REASONS), version: p.version });
          r.revoked = true;
        }
      const times = Array.from({ length: HS_SCANS_PER_DAY }, () => {
        const peak = rng.pick([11.5, 12, 17.5, 18, 18.5, 8, 20, 14]);
        return dayStart + Math.round((peak + rng.int(-45, 45) / 60) * 3_600_000);
      }).sort((a, b) => a - b);
      const offlineDay = day % 9 === 4;
      const queued: { clientId: string; qr: string; verdict: PassVerdict; scannedAt: string; gateId: null }[] = [];
      for (const t of times) {
        if (t > Date.now()) continue;
        const g = rng.pick(guards);
        const fits = riders.filter((r) => r.compounds === 'ALL' || r.compounds.includes(g.compoundId));
        const r = rng.chance(0.04) ? rng.pick(riders) : rng.pick(fits.length ? fits : riders);
        clock.set(new Date(t).toISOString());
        let qr = await passQrText(r.token, r.passId, r.device, rng.chance(0.03) ? t - 120_000 : t);
        if (rng.chance(0.015)) qr = qr.replace(/~(\d+)~/, (_m, s: string) => `~${Number(s) + 3}~`);
        const clientId = `demo-${day}-${++serial}-${rng.int(1000, 9999)}`;
        if (offlineDay && g.ctx.actor.username === 'hs_guard') {
          const keys = await services.passes.publicKeys();
          const v = await verifyPass(qr, {
            keys: keys.items,
            revocations: riders.filter((x) => x.revoked).map((x) => x.passId),
            compoundId: g.compoundId,
            now: t,
          });
          queued.push({ clientId, qr, verdict: v.verdict, scannedAt: new Date(t).toISOString(), gateId: null });
          continue;
        }
        await services.passes.verify(g.ctx, { qr, clientId, gateId: null });
      }
      if (queued.length) {
        clock.set(new Date(dayStart + 22 * 3_600_000).toISOString());
        await services.passes.uploadScans(guards[0]!.ctx, { scans: queued });
      }
    }
  });
}
