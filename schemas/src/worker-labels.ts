import type { Dict } from './dicts';

/** Platforms a new-employment worker (新就业群体, issue 12) works through. */
export const WORKER_PLATFORMS = {
  meituan: { 'zh-CN': '美团', en: 'Meituan' },
  eleme: { 'zh-CN': '饿了么', en: 'Ele.me' },
  sf: { 'zh-CN': '顺丰', en: 'SF Express' },
  jd: { 'zh-CN': '京东', en: 'JD' },
  huolala: { 'zh-CN': '货拉拉', en: 'Lalamove' },
  didi: { 'zh-CN': '滴滴', en: 'DiDi' },
  shansong: { 'zh-CN': '闪送', en: 'Shansong' },
  dada: { 'zh-CN': '达达', en: 'Dada' },
  zto: { 'zh-CN': '中通', en: 'ZTO Express' },
  yto: { 'zh-CN': '圆通', en: 'YTO Express' },
  other: { 'zh-CN': '其他', en: 'Other' },
} satisfies Dict<string>;
export type WorkerPlatform = keyof typeof WORKER_PLATFORMS;
export const WORKER_PLATFORM_CODES = Object.keys(WORKER_PLATFORMS) as [WorkerPlatform, ...WorkerPlatform[]];

export const WORKER_OCCUPATIONS = {
  food_delivery: { 'zh-CN': '外卖骑手', en: 'Food delivery rider' },
  courier: { 'zh-CN': '快递员', en: 'Courier' },
  ride_hailing: { 'zh-CN': '网约车司机', en: 'Ride-hailing driver' },
  truck_driver: { 'zh-CN': '货车司机', en: 'Truck driver' },
  other: { 'zh-CN': '其他', en: 'Other' },
} satisfies Dict<string>;
export type WorkerOccupation = keyof typeof WORKER_OCCUPATIONS;
export const WORKER_OCCUPATION_CODES = Object.keys(WORKER_OCCUPATIONS) as [WorkerOccupation, ...WorkerOccupation[]];

/** pending → verified | rejected; rejected → pending (resubmitted); verified → disabled → verified. */
export const WORKER_STATUSES = {
  pending: { 'zh-CN': '待认证', en: 'Pending' },
  verified: { 'zh-CN': '已认证', en: 'Verified' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  disabled: { 'zh-CN': '已停用', en: 'Disabled' },
} satisfies Dict<string>;
export type WorkerStatus = keyof typeof WORKER_STATUSES;
export const WORKER_STATUS_CODES = Object.keys(WORKER_STATUSES) as [WorkerStatus, ...WorkerStatus[]];

export const WORKER_REGISTERED_VIA = {
  self: { 'zh-CN': '本人登记', en: 'Self-registered' },
  staff: { 'zh-CN': '工作人员录入', en: 'Entered by staff' },
  station: { 'zh-CN': '驿家站长录入', en: 'Entered by a station manager' },
} satisfies Dict<string>;
export type WorkerRegisteredVia = keyof typeof WORKER_REGISTERED_VIA;

/** The state machine of a worker's registration: event → from-states → to-state. */
export const WORKER_TRANSITIONS = {
  /** Verifying a disabled worker enables them again. */
  verify: { from: ['pending', 'disabled'], to: 'verified' },
  reject: { from: ['pending'], to: 'rejected' },
  resubmit: { from: ['rejected'], to: 'pending' },
  disable: { from: ['verified'], to: 'disabled' },
} as const satisfies Record<string, { from: readonly WorkerStatus[]; to: WorkerStatus }>;
export type WorkerEvent = keyof typeof WORKER_TRANSITIONS;

/** The next status after `event`, or null when the event is not allowed from `status`. */
export function workerTransition(status: WorkerStatus, event: WorkerEvent): WorkerStatus | null {
  const t = WORKER_TRANSITIONS[event];
  return (t.from as readonly WorkerStatus[]).includes(status) ? t.to : null;
}
