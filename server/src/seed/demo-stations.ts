import chineseDays from 'chinese-days';
import { hostOrgListQuery, ratingBody, workerSelfBody, type OpeningHours, type StationAmenity } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import type { SeededLocality } from './demo';
import { actorOf, at, contextFor, createUser, ctxOf, validated } from './factories';
import { Rng } from './random';
import { ALL_DAY, createStation } from './station-factories';
import { workerInput } from './worker-factories';

/** The article's 85 惠新驿家 stations of 惠山区. */
export const HS_STATIONS = 85;

/** 惠山区's streets and towns, with the rough centre each station is placed around. */
const AREAS = [
  {
    name: '长安街道',
    lat: 31.682,
    lng: 120.298,
    roads: ['惠山大道', '长安路', '惠际路', '西环线'],
    places: ['惠山新城', '长安', '天一', '吴韵', '惠山区政府'],
  },
  {
    name: '堰桥街道',
    lat: 31.655,
    lng: 120.282,
    roads: ['堰新路', '锡澄路', '堰桥路', '政和大道'],
    places: ['堰桥地铁站', '西漳', '寺头', '堰桥', '胡家渡'],
  },
  {
    name: '钱桥街道',
    lat: 31.602,
    lng: 120.224,
    roads: ['钱藕路', '盛岸西路', '钱胡路', '晓丰路'],
    places: ['藕塘', '盛店', '无锡西站', '钱桥', '舜柯'],
  },
  {
    name: '前洲街道',
    lat: 31.722,
    lng: 120.236,
    roads: ['前洲路', '西塘路', '锡澄运河路', '北新路'],
    places: ['前洲中心', '石塘湾', '西塘', '黄石街', '冯巷'],
  },
  {
    name: '玉祁街道',
    lat: 31.711,
    lng: 120.178,
    roads: ['玉祁路', '礼舍路', '蓉南路', '芙蓉大道'],
    places: ['玉东', '礼舍', '玉祁中心', '五牧', '蓉南'],
  },
  {
    name: '洛社镇',
    lat: 31.652,
    lng: 120.162,
    roads: ['洛社大道', '人民路', '杨市路', '新雅路'],
    places: ['洛社古镇', '杨市', '张镇桥', '双庙', '洛社中心'],
  },
  {
    name: '阳山镇',
    lat: 31.603,
    lng: 120.112,
    roads: ['阳山大道', '桃源路', '陆区路', '火车站路'],
    places: ['阳山桃园', '陆区', '阳山中心', '桃源', '安阳山'],
  },
] as const;

/**
 * How a kind of host keeps its hours: round the clock (fuel stations, convenience stores), a
 * community centre's day with a lunch break and evenings for riders, a riders' home from the morning
 * rush to past midnight, office hours (post, bank), a shopping district's day, a clinic's split day.
 */
type HoursKind = 'allDay' | 'community' | 'riders' | 'office' | 'mall' | 'clinic';

/** Who hosts a station, what such a place usually offers, and how it keeps its hours. */
const HOSTS: { suffix: string; amenities: StationAmenity[]; hours: HoursKind }[] = [
  {
    suffix: '社区党群服务中心',
    amenities: ['rest', 'water', 'charging', 'microwave', 'toilet', 'first_aid', 'wifi'],
    hours: 'community',
  },
  {
    suffix: '新就业群体服务站',
    amenities: ['rest', 'water', 'charging', 'microwave', 'toilet', 'first_aid', 'umbrella', 'repair'],
    hours: 'riders',
  },
  { suffix: '加油站', amenities: ['rest', 'water', 'charging', 'toilet', 'supermarket'], hours: 'allDay' },
  { suffix: '便利店', amenities: ['rest', 'water', 'charging', 'microwave', 'supermarket'], hours: 'allDay' },
  { suffix: '邮政网点', amenities: ['rest', 'water', 'charging', 'toilet'], hours: 'office' },
  { suffix: '农商银行网点', amenities: ['rest', 'water', 'charging', 'toilet', 'wifi'], hours: 'office' },
  { suffix: '商圈党群驿站', amenities: ['rest', 'water', 'charging', 'meals', 'toilet', 'fitness'], hours: 'mall' },
  {
    suffix: '骑手之家',
    amenities: ['rest', 'water', 'charging', 'microwave', 'meals', 'toilet', 'apartment', 'repair'],
    hours: 'riders',
  },
  { suffix: '社区卫生服务站', amenities: ['rest', 'water', 'toilet', 'first_aid', 'pharmacy'], hours: 'clinic' },
];

type Spans = { open: string; close: string }[];
const spans = (...times: string[]): Spans => {
  const out: Spans = [];
  for (let i = 0; i + 1 < times.length; i += 2) out.push({ open: times[i]!, close: times[i + 1]! });
  return out;
};
/** Monday–Friday one way, Saturday and Sunday another. */
const week = (weekday: Spans, sat: Spans, sun: Spans = sat) => [
  ...Array.from({ length: 5 }, () => weekday.map((x) => ({ ...x }))),
  sat,
  sun,
];
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The coming Spring Festival (正月初一 of 2027 by the lunar calendar of `chinese-days`), its eve (除夕)
 * and 元旦: the dated exceptions some stations keep.
 */
const SPRING = chineseDays.getSolarDateFromLunar('2027-01-01').date;
const EVE = addDays(SPRING, -1);
const NEW_YEAR = '2027-01-01';

/** Realistic opening hours of a kind of host (rng picks among a few usual variants), with its holiday exceptions. */
function hoursOf(kind: HoursKind, rng: Rng, holidays = false): OpeningHours {
  const h: OpeningHours = { allDay: false, weekly: [], holidays: [] };
  switch (kind) {
    case 'allDay':
      return { ...ALL_DAY, holidays: [] };
    case 'community':
      // A lunch break; open into the evening on weekdays for riders; a shorter weekend.
      h.weekly = week(
        spans('08:30', '12:00', '13:30', rng.pick(['20:00', '21:00'])),
        spans('09:00', '17:00'),
        rng.chance(0.5) ? spans('09:00', '12:00') : [],
      );
      if (rng.chance(0.7))
        h.holidays = [
          { from: NEW_YEAR, to: NEW_YEAR, spans: spans('09:00', '17:00'), note: '元旦' },
          { from: EVE, to: EVE, spans: spans('09:00', '15:00'), note: '除夕' },
          { from: SPRING, to: addDays(SPRING, 2), spans: [], note: '春节' },
        ];
      return h;
    case 'riders':
      // From the breakfast rush past midnight (the night shift); some close for the afternoon lull.
      h.weekly = rng.chance(0.5)
        ? Array.from({ length: 7 }, () => spans('07:00', '01:00'))
        : week(spans('10:00', '14:30', '16:30', '02:00'), spans('09:00', '02:00'));
      if (holidays || rng.chance(0.5))
        // Riders work through the festival: open on the eve and the first days, shorter.
        h.holidays = [
          { from: EVE, to: EVE, spans: spans('10:00', '14:00', '17:00', '02:00'), note: '除夕 跨年夜' },
          { from: SPRING, to: addDays(SPRING, 2), spans: spans('10:00', '20:00'), note: '春节 照常服务' },
        ];
      return h;
    case 'office':
      h.weekly = week(spans('08:30', '17:00'), spans('09:00', '16:00'));
      if (rng.chance(0.6))
        h.holidays = [
          { from: NEW_YEAR, to: NEW_YEAR, spans: [], note: '元旦' },
          { from: EVE, to: addDays(SPRING, 5), spans: [], note: '春节' },
        ];
      return h;
    case 'mall':
      h.weekly = week(spans('10:00', '22:00'), spans('10:00', '22:30'));
      return h;
    case 'clinic':
      h.weekly = week(spans('08:00', '11:30', '13:30', '17:00'), spans('08:00', '11:30'), []);
      if (rng.chance(0.6))
        h.holidays = [
          { from: SPRING, to: addDays(SPRING, 2), spans: [], note: '春节' },
          { from: addDays(SPRING, 3), to: addDays(SPRING, 5), spans: spans('08:00', '11:30'), note: '春节 半天门诊' },
        ];
      return h;
  }
}

/**
 * 惠山区's 85 惠新驿家 stations through the services (DOMAIN.md §4.8): names, addresses and positions
 * around the district's streets and towns, amenities and opening hours by kind of host (fuel
 * stations and convenience stores 24 hours, community centres and clinics with a lunch break, riders'
 * homes past midnight; exceptions at 元旦 and the Spring Festival — closed, shorter, or open for the
 * riders who work through it), managers (hs_station
 * keeps one), opened over 2024–2025. When verified workers are registered (the workers demo, run
 * before), four weeks of check-ins and ratings up to today, by those workers through the check-in.
 */
export async function seedStationDemo(services: Services, localities: readonly SeededLocality[]): Promise<void> {
  const hs = localities.find((l) => l.key === 'hs');
  if (!hs) return;
  const rng = new Rng(320206);
  const staff = await ctxOf(services, 'hs_staff');
  const station = await ctxOf(services, 'hs_station');
  // More station managers: one per street or town (hs_station keeps the first station only).
  const managers: string[] = [];
  for (let i = 0; i < AREAS.length; i++) {
    const u = await createUser(
      services,
      staff,
      {
        username: `hs_station_${String(i + 2).padStart(2, '0')}`,
        roles: [{ role: 'station_manager', orgId: hs.root.id }],
      },
      rng,
    );
    managers.push(u.id);
  }
  // 惠山区's delivery platforms, logistics firms and trade associations (the host-organisation demo, run before).
  const partners = (
    await services.hostOrgs.list(staff, validated(hostOrgListQuery, { regionCode: '320206', limit: 200 }))
  ).items
    .filter((h) => /快递|物流|冷链|供应链|行业协会/.test(h.name))
    .map((h) => h.id);
  const used = new Set<string>();
  const ids: string[] = [];
  for (let i = 0; i < HS_STATIONS; i++) {
    const area = AREAS[i % AREAS.length]!;
    const host = i === 0 ? HOSTS[1]! : rng.pick(HOSTS);
    const place = rng.pick(area.places);
    let name = `惠新驿家·${area.name.replace(/街道|镇/, '')}${place}${host.suffix}`;
    for (let n = 2; used.has(name); n++)
      name = `惠新驿家·${area.name.replace(/街道|镇/, '')}${place}${host.suffix}${n}号`;
    used.add(name);
    const amenities = host.amenities.filter(
      (a) => a === 'rest' || a === 'water' || a === 'charging' || rng.chance(0.8),
    );
    // hs_station's station (the first) keeps the festival exceptions, so its page shows them.
    const hours = hoursOf(host.hours, rng, i === 0);
    // Riders' homes and service stations are often built with a delivery platform or a trade association.
    const hostOrgId =
      host.hours === 'riders' && partners.length && (i === 0 || rng.chance(0.7)) ? rng.pick(partners) : null;
    const openedOn = `${rng.pick(['2024', '2025'])}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const s = await createStation(services, staff, {
      name,
      address: `无锡市惠山区${area.name}${rng.pick(area.roads)}${rng.int(1, 388)}号`,
      regionCode: '320206',
      lat: Math.round((area.lat + (rng.next() - 0.5) * 0.04) * 1e6) / 1e6,
      lng: Math.round((area.lng + (rng.next() - 0.5) * 0.05) * 1e6) / 1e6,
      hours,
      amenities,
      openedOn: i === 0 ? '2024-06-18' : openedOn,
      status: i % 41 === 40 ? 'suspended' : 'open',
      phone: `0510-8${rng.int(1000000, 9999999)}`,
      managerUserId: i === 0 ? station.actor.userId : i % 2 === 1 ? managers[i % managers.length]! : null,
      hostOrgId,
    });
    ids.push(s.id);
  }
  await seedRiderAccounts(services, staff, station, hs.root.id, rng);
  await seedCheckIns(services, staff, ids, rng);
}

/** Riders who use the stations from their own phone: worker accounts, registered there and verified by hs_station. */
export const HS_RIDER_ACCOUNTS = 24;

async function seedRiderAccounts(
  services: Services,
  staff: RequestContext,
  station: RequestContext,
  rootId: string,
  rng: Rng,
) {
  // Only with the workers registry (its demo ran before): a rider's check-in needs a verified registration.
  if ((await services.store.repos.stations.verifiedWorkerUsers('320206', 1)).length === 0) return;
  const clock = new SimulatedClock('2025-10-08T02:00:00Z');
  await runWithClock(clock.now, async () => {
    for (let i = 1; i <= HS_RIDER_ACCOUNTS; i++) {
      const u = await createUser(
        services,
        staff,
        { username: `hs_rider_${String(i).padStart(2, '0')}`, roles: [{ role: 'worker', orgId: rootId }] },
        rng,
      );
      const rider = contextFor(await actorOf(services, u.id), 'seed');
      clock.advanceMinutes(rng.int(60, 600));
      const mine = await services.workers.saveMe(
        rider,
        validated(workerSelfBody, {
          ...(await workerInput(services, staff, { regionCode: '320206', name: u.displayName })),
          platform: rng.pick(['meituan', 'eleme']),
        }),
      );
      clock.advanceMinutes(rng.int(30, 300));
      await services.workers.verify(station, mine.worker!.id, { version: mine.worker!.version });
    }
  });
}

const COMMENTS = [
  '热水方便，充电很快',
  '站长很热情，夏天有绿豆汤',
  '地方干净，休息一下很舒服',
  '微波炉热饭方便，中午人有点多',
  '位置好找，就在路边',
  '充电柜位置不够，高峰要排队',
  '晚上也开着，跑夜单很需要',
  null,
];

/** Four weeks of check-ins (busiest at lunch and dinner) and ratings, by the verified workers of 惠山区. */
async function seedCheckIns(services: Services, staff: RequestContext, stationIds: string[], rng: Rng) {
  const userIds = await services.store.repos.stations.verifiedWorkerUsers('320206', 60);
  if (userIds.length === 0) return;
  const workers = await Promise.all(userIds.map(async (id) => contextFor(await actorOf(services, id), 'seed')));
  const codes = new Map<string, string>();
  for (const id of stationIds) codes.set(id, (await services.stations.code(staff, id)).code);
  // Each worker keeps to a few stations on their routes.
  // hs_station's station (the first) lies on a third of the routes.
  const routes = workers.map((_, i) => [
    ...(i % 3 === 0 ? [stationIds[0]!] : []),
    ...rng.shuffle(stationIds).slice(0, 4),
  ]);
  const today = new Date();
  const clock = new SimulatedClock(today);
  const HOURS = [7, 8, 10, 11, 11, 12, 12, 12, 13, 14, 15, 17, 17, 18, 18, 19, 20, 21, 22];
  await runWithClock(clock.now, async () => {
    for (let back = 28; back >= 0; back--) {
      const day = new Date(today.getTime() - back * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      const visits = rng.int(35, 55);
      for (let k = 0; k < visits; k++) {
        const w = rng.int(0, workers.length - 1);
        const stationId = rng.pick(routes[w]!);
        const when = new Date(
          at(`${day} ${String(rng.pick(HOURS)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`),
        );
        if (when.getTime() > today.getTime()) continue;
        clock.set(when);
        try {
          const c = await services.stations.checkIn(workers[w]!, { code: codes.get(stationId)! });
          if (c.created && rng.chance(0.35)) {
            clock.advanceMinutes(rng.int(5, 90));
            await services.stations.rate(
              workers[w]!,
              c.id,
              validated(ratingBody, { rating: rng.pick([5, 5, 5, 4, 4, 4, 3, 5, 2]), comment: rng.pick(COMMENTS) }),
            );
          }
        } catch (e) {
          // A suspended station refuses check-ins: its scans are not part of the record.
          if (!(e instanceof Error && e.message === 'STATION_NOT_OPEN')) throw e;
        }
      }
    }
  });
}
