import {
  gigFairCreateBody,
  gigFairUpdateBody,
  gigJobCreateBody,
  gigPreferenceBody,
  workerSelfBody,
  type GigFairView,
  type GigKind,
  type GigPayUnit,
  type GigSkill,
  type WorkerOccupation,
  type WorkerPlatform,
} from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import { shanghaiDate } from '../core/time';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { at, ctxOf, validated } from './factories';
import { personName } from './names';
import { Rng } from './random';
import { createWorker, workerInput } from './worker-factories';
import { DEFAULT_GIG_PUSH_TOP } from '../modules/gigs/gigs.push';

/** The article's 2025 figures for 富顺县's 零工快招 (DOMAIN.md §5), reproduced from the records. */
export const FS_GIG_FAIRS = 45;
export const FS_GIG_PUSHES = 29_000;
export const FS_GIG_INTENTIONS = 4_106;
/** Each published job is pushed to its top GIG_PUSH_TOP (200) matches: 145 jobs make 29,000 pushes. */
export const FS_GIG_PUSH_TOP = DEFAULT_GIG_PUSH_TOP;
export const FS_GIG_JOBS = FS_GIG_PUSHES / FS_GIG_PUSH_TOP;
/** Job seekers of 富顺 registered with their preferences (enough that every job has 200 matches). */
export const FS_GIG_WORKERS = 420;

/** 富顺县城 (富世街道) and the towns around it, with rough centres. */
const PLACES = [
  { name: '富世街道', lat: 29.181, lng: 104.975, roads: ['西湖路', '釜江大道', '滨江路', '文庙街'] },
  { name: '东湖街道', lat: 29.195, lng: 104.991, roads: ['东湖路', '晨光路', '桂林大道'] },
  { name: '富顺经济开发区', lat: 29.158, lng: 104.962, roads: ['晨光大道', '工业园路', '化工园路'] },
  { name: '琵琶镇', lat: 29.226, lng: 104.948, roads: ['琵琶大街', '新街'] },
  { name: '代寺镇', lat: 29.143, lng: 105.021, roads: ['代寺街', '工业大道'] },
  { name: '怀德镇', lat: 29.238, lng: 105.018, roads: ['怀德正街', '怀德路'] },
] as const;

const KINDS: [GigKind, number][] = [
  ['delivery', 16],
  ['loading', 14],
  ['general', 18],
  ['cleaning', 10],
  ['housekeeping', 8],
  ['catering', 10],
  ['technician', 8],
  ['driver', 7],
  ['security', 5],
  ['sales', 4],
];
const TITLES: Record<GigKind, string[]> = {
  delivery: ['外卖配送员', '同城快递配送', '生鲜配送员', '快递分拣配送'],
  loading: ['物流园装卸工', '仓库搬运工', '建材装卸', '冷库装卸工'],
  general: ['食品厂普工', '包装普工', '电子厂流水线', '纺织厂临时工', '白酒厂灌装工'],
  cleaning: ['商场保洁', '小区保洁员', '写字楼保洁', '开荒保洁'],
  housekeeping: ['育儿嫂', '钟点工', '养老护理员', '家政保洁'],
  catering: ['餐厅服务员', '后厨帮工', '宴席帮厨', '豆花饭店服务员'],
  technician: ['电工', '焊工', '设备维修工', '水电安装工'],
  driver: ['货车司机', '叉车司机', '送货司机'],
  security: ['商场保安', '活动安保', '小区门岗'],
  sales: ['超市促销员', '白酒促销', '展会促销'],
};
const SKILL_FOR: Partial<Record<GigKind, GigSkill[]>> = {
  technician: ['electrician', 'welder'],
  driver: ['licence_b2', 'forklift', 'licence_c1'],
  catering: ['health', 'cook'],
  housekeeping: ['housekeeper', 'health'],
  security: ['guard'],
  loading: ['forklift'],
};
const PLATFORMS: [WorkerPlatform, WorkerOccupation][] = [
  ['meituan', 'food_delivery'],
  ['eleme', 'food_delivery'],
  ['sf', 'courier'],
  ['jd', 'courier'],
  ['didi', 'ride_hailing'],
  ['huolala', 'truck_driver'],
  ['other', 'other'],
];
const FAIR_TITLES = [
  '春风行动零工招聘会',
  '就业援助月专场招聘会',
  '“零工驿站”周三专场',
  '返乡创业就业招聘会',
  '开发区企业用工对接会',
  '线上直播带岗',
  '退役军人专场招聘会',
  '高校毕业生暑期招聘会',
  '金秋招聘月零工专场',
];

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  let r = rng.int(
    1,
    items.reduce((s, i) => s + i[1], 0),
  );
  for (const [v, w] of items) {
    r -= w;
    if (r <= 0) return v;
  }
  return items[0]![0];
}
const near = (rng: Rng, km: number) => {
  const p = rng.pick(PLACES);
  return {
    place: p,
    lat: Math.round((p.lat + (rng.next() - 0.5) * (km / 111)) * 1e6) / 1e6,
    lng: Math.round((p.lng + (rng.next() - 0.5) * (km / 97)) * 1e6) / 1e6,
  };
};
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => dayOf(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));

/**
 * 富顺县's 零工快招 through the services (issue 13), replayed across 2025 under a simulated clock:
 * job seekers registered by the county staff with their preferences (at the 零工驿站 desk), the
 * county's firms posting jobs (fs_staff for most, fs_employer for its own: its first job waits for
 * approval), 45 job fairs with their employers and positions, each published job pushed through the
 * durable queue to its 200 best matches, intentions registered in one tap (fs_worker) or at the fair's
 * desk, and hires. The 2025 records give exactly 45 fairs held, 29,000 pushes and 4,106 intentions.
 * Then, today: open jobs and an upcoming fair, so fs_worker's "jobs for me" and fs_employer's list
 * have something current.
 */
export async function seedGigDemo(services: Services, localities: readonly SeededLocality[]): Promise<void> {
  const fs = localities.find((l) => l.key === 'fs');
  if (!fs) return;
  const rng = new Rng(13_0322);
  const staff = await ctxOf(services, 'fs_staff');
  const employer = await ctxOf(services, 'fs_employer');
  const self = await ctxOf(services, 'fs_worker');
  const employerOrg = employer.actor.bindings.find((b) => b.role === 'employer')!.hostOrgId!;
  const firms = fs.hostOrgIds;
  const clock = new SimulatedClock('2025-01-13T01:30:00Z');
  const setDay = (day: string, hh = rng.int(9, 17)) =>
    clock.set(at(`${day} ${String(hh).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`));

  await runWithClock(clock.now, async () => {
    // ——— job seekers ———
    setDay('2025-01-13');
    const mine = await services.workers.saveMe(
      self,
      validated(workerSelfBody, {
        ...(await workerInput(services, staff, { regionCode: '510322', name: '陈家富' })),
        platform: 'other',
        occupation: 'other',
      }),
    );
    await services.workers.verify(staff, mine.worker!.id, { version: mine.worker!.version });
    await services.gigs.saveMyPreferences(
      self,
      validated(gigPreferenceBody, {
        kinds: ['loading', 'general', 'driver'],
        lat: 29.179,
        lng: 104.972,
        maxDistanceKm: 20,
        weekdays: [1, 2, 3, 4, 5, 6],
        hourFrom: '07:00',
        hourTo: '19:00',
        minPayFen: 15_000,
        minPayUnit: 'day',
        skills: ['forklift', 'licence_c1'],
      }),
    );
    const seekers: string[] = [];
    for (let i = 0; i < FS_GIG_WORKERS; i++) {
      if (i % 40 === 0) setDay(addDays('2025-01-13', Math.floor(i / 40)));
      const [platform, occupation] = rng.pick(PLATFORMS);
      const w = await createWorker(services, staff, { regionCode: '510322', platform, occupation });
      seekers.push(w.id);
      const kinds = rng.chance(0.65) ? [] : rng.shuffle(KINDS.map((k) => k[0])).slice(0, rng.int(1, 3));
      const located = rng.chance(0.85);
      const spot = near(rng, 8);
      const minPay = rng.chance(0.5) ? null : rng.int(10, 15) * 1000;
      await services.gigs.savePreferencesFor(
        staff,
        w.id,
        validated(gigPreferenceBody, {
          kinds,
          mutedKinds: rng.chance(0.1) ? [rng.pick(KINDS.map((k) => k[0]).filter((k) => !kinds.includes(k)))] : [],
          ...(located ? { lat: spot.lat, lng: spot.lng } : { regionCode: '510322' }),
          maxDistanceKm: rng.pick([15, 20, 30]),
          weekdays: rng.chance(0.7) ? [] : [1, 2, 3, 4, 5, 6],
          ...(rng.chance(0.75) ? {} : { hourFrom: '07:00', hourTo: '20:00' }),
          ...(minPay ? { minPayFen: minPay, minPayUnit: 'day' } : {}),
          skills: rng
            .shuffle(['forklift', 'health', 'licence_c1', 'electrician', 'housekeeper'] as GigSkill[])
            .slice(0, rng.int(0, 2)),
          smsOptIn: rng.chance(0.8),
        }),
      );
    }

    // Verified at the 零工驿站 desk, a sheet at a time.
    for (let i = 0; i < seekers.length; i += 200) await services.workers.verifyBatch(staff, seekers.slice(i, i + 200));
    // ——— 45 fairs across 2025, each with its employers ———
    const fairs: { view: GigFairView; day: string }[] = [];
    for (let i = 0; i < FS_GIG_FAIRS; i++) {
      const month = 2 + Math.floor((i * 10) / FS_GIG_FAIRS);
      const day = `2025-${String(month).padStart(2, '0')}-${String(rng.int(3, 26)).padStart(2, '0')}`;
      setDay(addDays(day, -10));
      const online = i % 5 === 3;
      const spot = near(rng, 2);
      const organiser = i % 3 === 0 ? fs.root : rng.pick(fs.committees);
      const view = await services.gigFairs.create(
        staff,
        validated(gigFairCreateBody, {
          title: `富顺县${rng.pick(FAIR_TITLES)}（第${i + 1}场）`,
          mode: online ? 'online' : 'onsite',
          heldOn: day,
          startTime: online ? '14:00' : '09:00',
          endTime: online ? '17:00' : '12:00',
          regionCode: '510322',
          ...(online
            ? {}
            : { address: `${spot.place.name}${rng.pick(spot.place.roads)}零工市场`, lat: spot.lat, lng: spot.lng }),
          organiserOrgId: organiser.id,
          description: online ? '县人社局、社工部联合线上直播带岗，扫码报名' : '现场设零工驿站服务台，代为登记求职意向',
          employerIds: rng.shuffle(firms).slice(0, rng.int(3, 6)),
        }),
      );
      fairs.push({ view, day });
    }

    // ——— 145 jobs across 2025, pushed through the queue, intentions and hires ———
    // Intentions per job: 4,106 = 46 × 29 + 99 × 28 (fs_worker's own taps count in).
    const intentionTarget = (j: number) => (j < 46 ? 29 : 28);
    let selfTaps = 0;
    for (let j = 0; j < FS_GIG_JOBS; j++) {
      const fair = j % 8 < 3 ? fairs[Math.floor((j * FS_GIG_FAIRS) / FS_GIG_JOBS)]! : null;
      const postedOn = fair
        ? addDays(fair.day, -rng.int(3, 7))
        : `2025-${String(2 + Math.floor((j * 10) / FS_GIG_JOBS)).padStart(2, '0')}-${String(rng.int(2, 25)).padStart(2, '0')}`;
      setDay(postedOn);
      const kind = weighted(rng, KINDS);
      const unit: GigPayUnit =
        kind === 'delivery' && rng.chance(0.5) ? 'piece' : rng.pick(['day', 'day', 'hour', 'month'] as GigPayUnit[]);
      const pay = {
        piece: rng.int(3, 6) * 100,
        hour: rng.int(18, 30) * 100,
        day: rng.int(12, 30) * 1000,
        month: rng.int(40, 65) * 10_000,
      }[unit];
      const spot = near(rng, 6);
      const night = kind === 'security' && rng.chance(0.4);
      const skills = SKILL_FOR[kind] && rng.chance(0.4) ? [rng.pick(SKILL_FOR[kind])] : [];
      const hostOrgId = fair ? rng.pick(fair.view.employers).hostOrgId : rng.pick(firms);
      const body = validated(gigJobCreateBody, {
        hostOrgId,
        title: rng.pick(TITLES[kind]),
        kind,
        payFen: pay,
        payUnit: unit,
        regionCode: '510322',
        address: `${spot.place.name}${rng.pick(spot.place.roads)}${rng.int(1, 399)}号`,
        ...(rng.chance(0.9) ? { lat: spot.lat, lng: spot.lng } : {}),
        startOn: addDays(postedOn, rng.int(3, 10)),
        endOn: addDays(postedOn, rng.int(40, 90)),
        weekdays: rng.pick([
          [1, 2, 3, 4, 5],
          [1, 2, 3, 4, 5, 6],
          [1, 2, 3, 4, 5, 6, 7],
        ]),
        dayStart: night ? '20:00' : rng.pick(['08:00', '08:30', '09:00']),
        dayEnd: night ? '06:00' : rng.pick(['17:00', '17:30', '18:00']),
        skills,
        headcount: rng.int(3, 20),
        closingOn: addDays(postedOn, rng.int(14, 30)),
        contactName: `${personName(rng).slice(0, 1)}经理`,
        contactPhone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        description: `${rng.pick(['长期合作', '旺季用工', '日结', '包午餐', '提供住宿'])}，${rng.pick(['工作轻松', '多劳多得', '按时结算', '有经验者优先'])}。`,
        fairId: fair?.view.id ?? null,
      });
      // fs_employer posts for its own firm: its first job waits for staff approval.
      const own = j === 5 || j % 37 === 11;
      const job = own
        ? await services.gigs.createJob(employer, { ...body, hostOrgId: employerOrg })
        : await services.gigs.createJob(staff, body);
      if (job.status === 'pending') {
        setDay(addDays(postedOn, 1));
        await services.gigs.approveJob(staff, job.id, { version: job.version });
      }
      await services.jobs.drain(['gig-push']);

      // Intentions: fs_worker taps a job pushed to them; the rest at the fair's desk or the 零工驿站.
      const pushed = await services.gigs.listPushes(staff, { jobId: job.id, limit: 200, withTotal: false });
      let target = intentionTarget(j);
      setDay(fair ? fair.day : addDays(postedOn, rng.int(1, 5)));
      if (fair && rng.chance(0.3)) {
        const code = await services.gigFairs.code(staff, fair.view.id);
        await services.gigFairs.signIn(self, { code: code.code });
      }
      const selfPushed = pushed.items.some((p) => p.workerId === mine.worker!.id);
      if (selfPushed && selfTaps < 12) {
        await services.gigs.apply(self, job.id, { shareContact: true, fairId: fair?.view.id ?? null, workerId: null });
        selfTaps++;
        target--;
      }
      const chosen = rng.shuffle(pushed.items.filter((p) => p.workerId !== mine.worker!.id)).slice(0, target);
      const batch = await services.gigs.applyMany(staff, job.id, {
        workers: chosen.map((p) => ({ workerId: p.workerId, shareContact: rng.chance(0.7) })),
        fairId: fair?.view.id ?? null,
      });
      // Decisions a week later: hires up to the headcount (the last one closes the job), some not hired.
      setDay(addDays(postedOn, rng.int(7, 12)));
      let hires = Math.min(job.headcount, rng.int(1, 4));
      for (const id of batch.ids) {
        if (hires > 0 && rng.chance(0.5)) {
          await services.gigs.decide(staff, id, { outcome: 'hired', note: null, version: 1 });
          hires--;
        } else if (rng.chance(0.05))
          await services.gigs.decide(staff, id, { outcome: 'not_hired', note: '岗位已招满或条件不符', version: 1 });
      }
    }

    // Fairs held, with their outcome from the records.
    for (const { view, day } of fairs) {
      setDay(addDays(day, 1));
      const now = await services.gigFairs.get(staff, view.id);
      await services.gigFairs.update(
        staff,
        view.id,
        validated(gigFairUpdateBody, {
          ...now,
          employerIds: now.employers.map((e) => e.hostOrgId),
          status: 'held',
          outcome: `${now.employers.length} 家用工单位参会，提供岗位 ${now.positions} 个，现场登记求职意向 ${now.intentions} 个，录用 ${now.hires} 人。`,
          version: now.version,
        }),
      );
    }
  });

  // ——— today: open jobs and an upcoming fair ———
  const today = shanghaiDate();
  const upcoming = await services.gigFairs.create(
    staff,
    validated(gigFairCreateBody, {
      title: '富顺县冬季零工专场招聘会',
      mode: 'onsite',
      heldOn: addDays(today, 7),
      startTime: '09:00',
      endTime: '12:00',
      regionCode: '510322',
      address: '富世街道西湖路零工市场',
      lat: 29.181,
      lng: 104.975,
      organiserOrgId: fs.root.id,
      employerIds: [employerOrg, ...firms.slice(0, 4)],
    }),
  );
  const current: [string, GigKind, number, GigPayUnit, GigSkill[]][] = [
    ['冷链仓库装卸工', 'loading', 22_000, 'day', ['forklift']],
    ['白酒厂灌装普工', 'general', 2_200, 'hour', []],
    ['年货配送司机', 'driver', 26_000, 'day', ['licence_c1']],
    ['商场保洁员', 'cleaning', 360_000, 'month', []],
  ];
  const today0: string[] = [];
  for (const [i, [title, kind, payFen, payUnit, skills]] of current.entries()) {
    const job = await services.gigs.createJob(
      i === 0 ? employer : staff,
      validated(gigJobCreateBody, {
        hostOrgId: i === 0 ? employerOrg : firms[i]!,
        title,
        kind,
        payFen,
        payUnit,
        regionCode: '510322',
        address: `${PLACES[i]!.name}${PLACES[i]!.roads[0]}${18 + i * 7}号`,
        lat: PLACES[i]!.lat + 0.004 * i,
        lng: PLACES[i]!.lng + 0.003,
        startOn: addDays(today, 3),
        endOn: addDays(today, 60),
        weekdays: [1, 2, 3, 4, 5, 6],
        dayStart: '08:00',
        dayEnd: '17:00',
        skills,
        headcount: 6,
        closingOn: addDays(today, 14),
        contactName: '刘经理',
        contactPhone: '13981234567',
        description: '年底用工高峰，日结或周结，可提供工作餐。',
        fairId: i < 2 ? upcoming.id : null,
      }),
    );
    today0.push(job.id);
  }
  await services.jobs.drain(['gig-push']);
  // fs_worker taps fs_employer's job: the employer sees an applicant with the reasons, contact masked.
  await services.gigs.apply(self, today0[0]!, { shareContact: false, fairId: null, workerId: null });
}
