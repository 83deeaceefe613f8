import type { Store } from '../../store';
import {
  listCounts,
  queryString,
  type FigureArea,
  type FigureDefinition,
  type FigurePeriod,
} from '../indicators/indicators.registry';
import type { GigFairFilter, GigIntentionFilter, GigPushFilter } from './gigs.repository';
import type { GigFairScope, GigJobScope } from './gigs.policy';

/** A figure counts over its area, whoever reads it: the area (`orgId`) is the only scope. */
const EVERY_JOB: GigJobScope = { all: true, regionOrgIds: [], hostOrgIds: [], workerUserId: null };
const EVERY_FAIR: GigFairScope = { all: true, subtree: { all: true }, hostOrgIds: [] };

/**
 * 零工快招 figures an indicator can be bound to (issue 13). Jobs, pushes and intentions are placed by
 * the job's region (the area: the region of the project's Party organisation and below); fairs by
 * their organising Party organisation (the area's subtree). Each count is its list's own count with
 * the filters its link writes, so the link shows exactly the rows counted.
 */
export function gigFigures(store: Store<'gigs'>): FigureDefinition[] {
  const gigs = () => store.repos.gigs;
  const intentionCounts = (filter: (area: FigureArea, period: FigurePeriod) => GigIntentionFilter) =>
    listCounts(
      filter,
      (f) => gigs().countIntentions(EVERY_JOB, f),
      (fs) => gigs().countIntentionsMany(EVERY_JOB, fs),
    );
  return [
    {
      key: 'gigs.fairs_held',
      label: { 'zh-CN': '举办招聘会场次', en: 'Job fairs held' },
      unit: '场',
      description: {
        'zh-CN': '期间内举办（状态为已举办）的零工招聘会场次，按主办党组织统计本级及下级',
        en: 'Job fairs held in the period, organised in the area',
      },
      ...listCounts(
        ({ orgId }, { from, to }): GigFairFilter => ({ orgId, status: 'held', heldFrom: from, heldTo: to }),
        (f) => gigs().countFairs(EVERY_FAIR, f),
        (fs) => gigs().countFairsMany(EVERY_FAIR, fs),
      ),
      link: ({ orgId }, { from, to }) =>
        `/gigs/fairs?${queryString({ orgId, status: 'held', heldFrom: from, heldTo: to })}`,
    },
    {
      key: 'gigs.pushes',
      label: { 'zh-CN': '推送岗位人次', en: 'Jobs pushed' },
      unit: '人次',
      description: {
        'zh-CN': '期间内向求职者推送零工岗位的记录数（每个岗位对每人至多一次），按岗位所在行政区划统计',
        en: 'Job pushes to workers in the period (one per job and worker), by the job’s region',
      },
      ...listCounts(
        ({ orgId }, { from, to }): GigPushFilter => ({ orgId, from, to }),
        (f) => gigs().countPushes(EVERY_JOB, f),
        (fs) => gigs().countPushesMany(EVERY_JOB, fs),
      ),
      link: ({ orgId }, { from, to }) => `/gigs/pushes?${queryString({ orgId, from, to })}`,
    },
    {
      key: 'gigs.intentions',
      label: { 'zh-CN': '达成求职意向数', en: 'Hiring intentions' },
      unit: '个',
      description: {
        'zh-CN': '期间内求职者登记的求职意向数（含招聘会现场登记），按岗位所在行政区划统计',
        en: 'Hiring intentions registered in the period (fairs included), by the job’s region',
      },
      ...intentionCounts(({ orgId }, { from, to }) => ({ orgId, from, to })),
      link: ({ orgId }, { from, to }) => `/gigs/intentions?${queryString({ orgId, from, to })}`,
    },
    {
      key: 'gigs.hires',
      label: { 'zh-CN': '录用人数', en: 'Hires' },
      unit: '人',
      description: {
        'zh-CN': '期间内登记、已被录用的求职意向数，按岗位所在行政区划统计',
        en: 'Intentions registered in the period that ended in a hire, by the job’s region',
      },
      ...intentionCounts(({ orgId }, { from, to }) => ({ orgId, status: 'hired', from, to })),
      link: ({ orgId }, { from, to }) => `/gigs/intentions?${queryString({ orgId, status: 'hired', from, to })}`,
    },
  ];
}
