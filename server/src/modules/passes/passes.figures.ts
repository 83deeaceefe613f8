import type { Store } from '../../store';
import { nowIso, shanghaiDayEnd, shanghaiDayStart } from '../../core/time';
import type { SubtreeScope } from '../../core/scope';
import {
  familyMember,
  queryString,
  type FigureDefinition,
  type FigureFamily,
  type FigurePeriod,
} from '../indicators/indicators.registry';
import type { PassFigureFilter } from './passes.repository';

/** The scans' instants of a period of Beijing dates. */
const scanRange = (from: string, to: string) => ({ from: shanghaiDayStart(from), to: shanghaiDayEnd(to) });

/** A figure counts over its area, whoever reads it: the area (`orgId`) is the only scope. */
const EVERY_PASS: SubtreeScope = { all: true };

/**
 * 小哥码 figures an indicator can be bound to. The area is the project's organisation and those below
 * it: for riders, the workers whose region lies under those organisations' regions (as the passes'
 * staff scope reaches workers); for compounds, the compounds they manage.
 */
export function passFigures(store: Store<'passes'>): FigureDefinition[] {
  /** Each pass figure's list filter over a period (the figure's `count` passes the same to the list). */
  const filterOf: Record<string, (p: FigurePeriod) => PassFigureFilter> = {
    'passes.valid': ({ to }) => ({ validOn: to }),
    'passes.issued': ({ from, to }) => ({ issuedFrom: from, issuedTo: to }),
  };
  /** The pass figures asked for, over every area, from one statement (one pass over the passes). */
  const passFamily: FigureFamily = {
    async countAreas(keys, areas, period) {
      const counts = await store.repos.passes.countPassesUnder(
        areas.map((a) => a.orgId),
        keys.map((k) => filterOf[k]!(period)),
      );
      return new Map(keys.map((k, i) => [k, counts[i]!]));
    },
  };
  return [
    {
      key: 'passes.riders_with_pass',
      label: { 'zh-CN': '持小哥码骑手数', en: 'Riders holding a pass' },
      unit: '人',
      description: {
        'zh-CN': '期末仍有效（未吊销、未过期）的小哥码持有人数，每人计一次',
        en: 'Workers holding a pass valid (not revoked, not expired) at the end of the period, each once',
      },
      count: ({ orgId }, { to }) => store.repos.passes.countRidersWithPass(orgId, shanghaiDayEnd(to)),
      link: () => `/passes?${queryString({ status: 'active' })}`,
    },
    {
      key: 'passes.compounds_in_pilot',
      label: { 'zh-CN': '试点小区数', en: 'Compounds in the pilot' },
      unit: '个',
      description: {
        'zh-CN': '期间内加入小哥码试点的小区数',
        en: 'Compounds that joined the pass pilot in the period',
      },
      count: ({ orgId }, { from, to }) => store.repos.passes.countCompoundsJoined(orgId, from, to),
      link: ({ orgId }) => `/passes?${queryString({ tab: 'compounds', orgId, pilot: true })}`,
    },
    // The dashboards' figures: each the pass list's own count with the filters its link carries.
    {
      key: 'passes.valid',
      label: { 'zh-CN': '期末有效小哥码', en: 'Passes valid at period end' },
      unit: '张',
      description: {
        'zh-CN': '期末（最后一天结束时）有效的小哥码张数：已签发、未到期、未吊销，按骑手所在行政区划统计',
        en: 'Passes valid at the end of the period (issued, not expired, not revoked), by the rider’s region',
      },
      count: ({ orgId }, period) =>
        store.repos.passes.countPasses(
          EVERY_PASS,
          { orgId, ...filterOf['passes.valid']!(period), limit: 1, withTotal: undefined },
          nowIso(),
        ),
      ...familyMember(passFamily, 'passes.valid'),
      link: ({ orgId }, { to }) => `/passes?${queryString({ orgId, validOn: to })}`,
    },
    {
      key: 'passes.issued',
      label: { 'zh-CN': '新发小哥码', en: 'Passes issued' },
      unit: '张',
      description: {
        'zh-CN': '期间内签发（含续期）的小哥码张数，按骑手所在行政区划统计',
        en: 'Passes issued (renewals included) in the period, by the rider’s region',
      },
      count: ({ orgId }, period) =>
        store.repos.passes.countPasses(
          EVERY_PASS,
          { orgId, ...filterOf['passes.issued']!(period), limit: 1, withTotal: undefined },
          nowIso(),
        ),
      ...familyMember(passFamily, 'passes.issued'),
      link: ({ orgId }, { from, to }) => `/passes?${queryString({ orgId, issuedFrom: from, issuedTo: to })}`,
    },
    // 核验: the 核验记录 list's count (compounds managed in the area, scanned in the period).
    ...(
      [
        [
          undefined,
          'passes.scans',
          '小哥码核验次数',
          'Pass scans',
          '期间内各小区门岗核验小哥码的次数（含离线补传），按小区的管理组织统计',
          'Scans of passes at the gates of compounds managed in the area in the period (offline uploads included)',
        ],
        [
          'valid',
          'passes.scans_valid',
          '核验通过次数',
          'Scans passed',
          '期间内核验结果为“有效”的次数',
          'Scans in the period whose verdict was valid',
        ],
      ] as const
    ).map(([verdict, key, zh, en, dzh, den]): FigureDefinition => ({
      key,
      label: { 'zh-CN': zh, en },
      unit: '次',
      description: { 'zh-CN': dzh, en: den },
      count: ({ orgId }, { from, to }) =>
        store.repos.passes.countScansIn(EVERY_PASS, { orgId, verdict }, scanRange(from, to)),
      // Over several areas: summed from the daily summary (scan_daily_stats), which the scan's write keeps.
      countAreas: (areas, period) =>
        store.repos.passes.countScansUnder(
          areas.map((a) => a.orgId),
          verdict,
          period,
        ),
      link: ({ orgId }, { from, to }) => `/passes/scans?${queryString({ orgId, from, to, verdict })}`,
    })),
  ];
}
