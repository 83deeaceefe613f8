import type { Store } from '../../store';
import {
  listCounts,
  queryString,
  type FigureArea,
  type FigureDefinition,
  type FigurePeriod,
} from '../indicators/indicators.registry';
import type { ConsultationFilter } from './dispute-centres.repository';
import type { CaseFilter } from './disputes.repository';
import type { DisputeScope } from './disputes.policy';
import { CASE_LIST_PATH, CONSULTATION_LIST_PATH } from './disputes.stats';

/** A figure counts over its area, whoever reads it: the area (`orgId`) is the only scope. */
const EVERYWHERE: DisputeScope = { all: true, regionOrgIds: [], mediatorUserId: null };

/** The case list's count with the figure's filter, for one area or several in one statement. */
const caseCounts = (store: Store<'disputes'>, filter: (area: FigureArea, period: FigurePeriod) => CaseFilter) =>
  listCounts(
    filter,
    (f) => store.repos.disputes.count(EVERYWHERE, f),
    (fs) => store.repos.disputes.countMany(EVERYWHERE, fs),
  );

/**
 * Dispute-centre figures an indicator can be bound to (调裁诉援, issue 14). The area is the region of
 * the project's Party organisation and the regions below it (where the centres' cases and
 * consultations are placed); the period is the receipt (cases), closing or consultation date. Each
 * count is the list's own count with the filters its link writes.
 */
export function disputeFigures(store: Store<'disputes' | 'disputeCentres'>): FigureDefinition[] {
  const cases = (key: string, zh: string, en: string, dzh: string, den: string, extra: Record<string, true>) => ({
    key,
    label: { 'zh-CN': zh, en },
    unit: '件',
    description: { 'zh-CN': dzh, en: den },
    ...caseCounts(store, ({ orgId }, { from, to }) => ({ orgId, receivedFrom: from, receivedTo: to, ...extra })),
    link: ({ orgId }: { orgId: string }, { from, to }: { from: string; to: string }) =>
      `${CASE_LIST_PATH}?${queryString({ orgId, receivedFrom: from, receivedTo: to, ...extra })}`,
  });
  return [
    cases(
      'disputes.received',
      '受理劳动争议案件数',
      'Labour-dispute cases received',
      '期间内调裁诉援中心受理登记的新就业群体劳动争议案件数',
      'Labour-dispute cases of new-employment workers received by the one-stop centres in the period',
      {},
    ),
    cases(
      'disputes.mediated',
      '调解成功案件数',
      'Cases settled by mediation',
      '期间内受理、经调解达成调解协议的案件数',
      'Cases received in the period whose mediation reached an agreement',
      { mediated: true },
    ),
    cases(
      'disputes.legal_aid',
      '获得法律援助案件数',
      'Cases granted legal aid',
      '期间内受理、获批法律援助的案件数',
      'Cases received in the period that were granted legal aid',
      { legalAid: true },
    ),
    {
      key: 'disputes.closed',
      label: { 'zh-CN': '办结劳动争议案件数', en: 'Labour-dispute cases closed' },
      unit: '件',
      description: {
        'zh-CN': '期间内结案的劳动争议案件数（调解、仲裁、诉讼或撤回）',
        en: 'Labour-dispute cases closed in the period (mediated, arbitrated, adjudicated or withdrawn)',
      },
      ...caseCounts(store, ({ orgId }, { from, to }) => ({ orgId, closedFrom: from, closedTo: to })),
      link: ({ orgId }, { from, to }) => `${CASE_LIST_PATH}?${queryString({ orgId, closedFrom: from, closedTo: to })}`,
    },
    {
      key: 'disputes.consultations',
      label: { 'zh-CN': '法律咨询人次', en: 'Legal consultations' },
      unit: '人次',
      description: {
        'zh-CN': '期间内调裁诉援中心登记的法律咨询（热线、驿家、来访、线上）人次',
        en: 'Legal consultations (hotline, station, walk-in, online) logged by the centres in the period',
      },
      ...listCounts(
        ({ orgId }, { from, to }): ConsultationFilter => ({ orgId, askedFrom: from, askedTo: to }),
        (f) => store.repos.disputeCentres.countConsultations(EVERYWHERE, f),
        (fs) => store.repos.disputeCentres.countConsultationsMany(EVERYWHERE, fs),
      ),
      link: ({ orgId }, { from, to }) =>
        `${CONSULTATION_LIST_PATH}?${queryString({ orgId, askedFrom: from, askedTo: to })}`,
    },
  ];
}
