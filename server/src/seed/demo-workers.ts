import { workerSelfBody, type WorkerOccupation, type WorkerPlatform } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { at, ctxOf, validated } from './factories';
import { Rng } from './random';
import { createWorker, uploadWorkerPhoto, workerInput } from './worker-factories';

/** 惠山区's worker registry (issue 12): how many, in which state (DOMAIN.md §4.8). */
export const HS_WORKERS = 240;
export const HS_WORKERS_PENDING = 32;
export const HS_WORKERS_REJECTED = 8;
export const HS_WORKERS_VERIFIED = HS_WORKERS - HS_WORKERS_PENDING - HS_WORKERS_REJECTED;
export const HS_WORKER_PARTY_MEMBERS = 45;
/** The share of registrations with a photo (the guard's verdict shows it). */
export const HS_PHOTO_SHARE = 0.75;

/** Platforms and the occupation they go with, weighted as 惠山's riders and drivers are. */
const MIX: [WorkerPlatform, WorkerOccupation, number][] = [
  ['meituan', 'food_delivery', 70],
  ['eleme', 'food_delivery', 50],
  ['sf', 'courier', 22],
  ['jd', 'courier', 18],
  ['zto', 'courier', 12],
  ['yto', 'courier', 8],
  ['shansong', 'courier', 8],
  ['dada', 'courier', 8],
  ['didi', 'ride_hailing', 20],
  ['huolala', 'truck_driver', 14],
  ['other', 'other', 10],
];
const REJECT_REASONS = [
  '身份证照片不清晰，请重新上传',
  '手机号与平台登记不一致',
  '所在区域不属于惠山区，请联系所在地驿家',
];

function pickMix(rng: Rng): { platform: WorkerPlatform; occupation: WorkerOccupation } {
  const total = MIX.reduce((s, m) => s + m[2], 0);
  let r = rng.int(1, total);
  for (const [platform, occupation, w] of MIX) {
    r -= w;
    if (r <= 0) return { platform, occupation };
  }
  return { platform: 'meituan', occupation: 'food_delivery' };
}

/**
 * 惠山区's new-employment workers through the services, registered across 2025 and verified by the
 * station manager (hs_station) or the district staff: most verified, some still pending, a few
 * rejected with a reason; HS_WORKER_PARTY_MEMBERS Party members 亮身份 with the 新就业群体行业党委.
 * hs_worker registers themselves on the phone and is verified, so their page shows 已认证.
 */
export async function seedWorkerDemo(services: Services, localities: readonly SeededLocality[]): Promise<void> {
  const hs = localities.find((l) => l.key === 'hs');
  if (!hs) return;
  const rng = new Rng(320206);
  const photoRng = new Rng(20_261_207); // its own stream: the registry stays as it was without photos
  const staff = await ctxOf(services, 'hs_staff');
  const station = await ctxOf(services, 'hs_station');
  const self = await ctxOf(services, 'hs_worker');
  const industry = hs.committees.find((c) => c.name.includes('新就业群体')) ?? hs.committees[0]!;
  const clock = new SimulatedClock('2025-03-03T01:30:00Z');
  const states: ('verified' | 'pending' | 'rejected')[] = rng.shuffle([
    ...Array<'verified'>(HS_WORKERS_VERIFIED - 1).fill('verified'),
    ...Array<'pending'>(HS_WORKERS_PENDING).fill('pending'),
    ...Array<'rejected'>(HS_WORKERS_REJECTED).fill('rejected'),
  ]);
  const members = new Set(rng.shuffle(states.map((_, i) => i)).slice(0, HS_WORKER_PARTY_MEMBERS - 1));

  await runWithClock(clock.now, async () => {
    // hs_worker: registers on the phone in March, a Party member, verified by the station manager.
    clock.set(at('2025-03-03 19:20'));
    const myPhoto = await uploadWorkerPhoto(services, self, 320206, 'meituan');
    const mine = await services.workers.saveMe(
      self,
      validated(workerSelfBody, {
        ...(await workerInput(services, staff, { regionCode: '320206', name: '周小勇' })),
        platform: 'meituan',
        occupation: 'food_delivery',
        partyMember: true,
        partyOrgId: industry.id,
        photoId: myPhoto,
      }),
    );
    clock.set(at('2025-03-04 09:10'));
    await services.workers.verify(station, mine.worker!.id, { version: mine.worker!.version });

    for (const [i, state] of states.entries()) {
      // Registered over 2025, pending ones in the last weeks (not yet seen to).
      const month = state === 'pending' ? 12 : 3 + Math.floor((i / states.length) * 9);
      const dayOfMonth = rng.int(1, 26);
      clock.set(
        at(
          `2025-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')} ${String(rng.int(9, 20)).padStart(2, '0')}:${rng.int(10, 59)}`,
        ),
      );
      const mix = pickMix(rng);
      // Most registrations carry a photo taken on the phone (HS_PHOTO_SHARE); the rest were entered without.
      const photoId = photoRng.chance(HS_PHOTO_SHARE)
        ? await uploadWorkerPhoto(services, staff, 1000 + i, mix.platform)
        : null;
      const w = await createWorker(services, staff, {
        regionCode: '320206',
        ...mix,
        partyMember: members.has(i),
        partyOrgId: members.has(i) ? industry.id : null,
        photoId,
      });
      if (state === 'pending') continue;
      clock.set(
        at(
          `2025-${String(month).padStart(2, '0')}-${String(dayOfMonth + 1).padStart(2, '0')} ${String(rng.int(9, 17)).padStart(2, '0')}:30`,
        ),
      );
      const by = rng.chance(0.7) ? station : staff;
      if (state === 'verified') await services.workers.verify(by, w.id, { version: w.version });
      else await services.workers.reject(by, w.id, { version: w.version, reason: rng.pick(REJECT_REASONS) });
    }
  });
}
