import type { Dict } from './dicts';

export const ROLES = {
  admin: { 'zh-CN': '系统管理员', en: 'System administrator' },
  staff: { 'zh-CN': '社工部工作人员', en: 'Social Work Department staff' },
  secretary: { 'zh-CN': '项目书记', en: 'Project secretary' },
  member: { 'zh-CN': '项目成员', en: 'Project member' },
  judge: { 'zh-CN': '评审/评委', en: 'Reviewer / judge' },
  specialist: { 'zh-CN': '企业专员', en: 'Enterprise specialist' },
  handler: { 'zh-CN': '部门经办人', en: 'Department handler' },
  contact: { 'zh-CN': '企业联系人', en: 'Enterprise contact' },
  worker: { 'zh-CN': '新就业群体', en: 'Worker' },
  guard: { 'zh-CN': '小区门岗', en: 'Gate guard' },
  station_manager: { 'zh-CN': '驿家站长', en: 'Station manager' },
  mediator: { 'zh-CN': '调解员', en: 'Mediator' },
  employer: { 'zh-CN': '用工单位', en: 'Employer' },
} satisfies Dict<string>;
export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as [Role, ...Role[]];

/** Roles whose binding names a host organisation (their own records only). */
export const HOST_ORG_BOUND_ROLES: readonly Role[] = ['contact', 'employer'];

export const PERMISSIONS = [
  'region.read',
  'region.write',
  'partyOrg.read',
  'partyOrg.write',
  'hostOrg.read',
  'hostOrg.write',
  'instructor.read',
  'instructor.write',
  'user.read',
  'user.write',
  'audit.read',
  'campaign.read',
  'campaign.write',
  'challenge.read',
  'challenge.write',
  'challenge.claim',
  'project.read',
  'project.declare',
  'project.progress',
  'project.manage',
  'review.read',
  'review.manage',
  'review.judge',
  'contest.read',
  'contest.manage',
  'contest.score',
  'assessment.read',
  'assessment.manage',
  'visit.read',
  'visit.write',
  /** Background jobs: list, retry (the system administrator only). */
  'job.admin',
  'demand.read',
  'demand.create',
  'demand.handle',
  'demand.rate',
  'demand.manage',
  'demand.configure',
  'calendar.manage',
  /** 惠新驿家 stations (issue 12): read / find, keep the ledger, a station manager's upkeep. */
  'station.read',
  'station.manage',
  'station.upkeep',
  /** 小哥码: compounds, passes and scan statistics (read / issue, revoke, compounds, guards). */
  'pass.read',
  'pass.manage',
  /** A gate guard verifies passes and uploads scans. */
  'pass.verify',
  /** Issuer keys: rotate, retire (the system administrator only). */
  'pass.keys',
  'worker.read',
  'worker.write',
  'worker.verify',
  'worker.reveal',
  /** 零工快招 (issue 13): read jobs and fairs; post jobs (employer, staff); approve, fairs (staff); apply (worker). */
  'gig.read',
  'gig.post',
  'gig.manage',
  'gig.apply',
  /** 调裁诉援 (issue 14): read cases and consultations; intake and record stages; centres and mediators. */
  'dispute.read',
  'dispute.write',
  'dispute.manage',
  /** 监管驾驶舱 and 数据大屏 (issue 15): the figures of the caller's area. */
  'dashboard.read',
  'self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do. Data scope (which records) is decided separately by each module's policy;
 * a permission only says which kind of action a role may attempt.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  staff: [
    'self',
    'region.read',
    'partyOrg.read',
    'partyOrg.write',
    'hostOrg.read',
    'hostOrg.write',
    'instructor.read',
    'instructor.write',
    'user.read',
    'user.write',
    'audit.read',
    'campaign.read',
    'campaign.write',
    'challenge.read',
    'challenge.write',
    'project.read',
    'project.manage',
    'review.read',
    'review.manage',
    'review.judge',
    'contest.read',
    'contest.manage',
    'contest.score',
    'assessment.read',
    'assessment.manage',
    'visit.read',
    'visit.write',
    'demand.read',
    'demand.create',
    'demand.manage',
    'demand.configure',
    'station.read',
    'station.manage',
    'station.upkeep',
    'pass.read',
    'pass.manage',
    'worker.read',
    'worker.write',
    'worker.verify',
    'worker.reveal',
    'gig.read',
    'gig.post',
    'gig.manage',
    'dispute.read',
    'dispute.write',
    'dispute.manage',
    'dashboard.read',
  ],
  secretary: [
    'self',
    'region.read',
    'partyOrg.read',
    'hostOrg.read',
    'instructor.read',
    'campaign.read',
    'challenge.read',
    'challenge.claim',
    'project.read',
    'project.declare',
    'project.progress',
    'assessment.read',
  ],
  member: [
    'self',
    'region.read',
    'partyOrg.read',
    'hostOrg.read',
    'campaign.read',
    'challenge.read',
    'project.read',
    'project.progress',
  ],
  judge: [
    'self',
    'region.read',
    'campaign.read',
    'project.read',
    'review.read',
    'review.judge',
    'contest.read',
    'contest.score',
  ],
  specialist: ['self', 'region.read', 'hostOrg.read', 'visit.read', 'visit.write', 'demand.read', 'demand.create'],
  handler: ['self', 'region.read', 'hostOrg.read', 'demand.read', 'demand.handle'],
  contact: ['self', 'region.read', 'hostOrg.read', 'visit.read', 'demand.read', 'demand.create', 'demand.rate'],
  worker: ['self', 'station.read', 'gig.read', 'gig.apply'],
  guard: ['self', 'pass.verify'],
  station_manager: ['self', 'worker.read', 'worker.verify', 'station.read', 'station.upkeep'],
  mediator: ['self', 'region.read', 'dispute.read', 'dispute.write'],
  employer: ['self', 'region.read', 'hostOrg.read', 'gig.read', 'gig.post'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

/** Roles a staff member may grant (never admin: no privilege inversion). */
export const GRANTABLE_BY_STAFF: readonly Role[] = ROLE_CODES.filter((r) => r !== 'admin');
