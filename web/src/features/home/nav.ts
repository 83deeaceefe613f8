import type { Permission, Role } from '@touyan/schemas';
import type { MessageKey } from '../../i18n/strings';

/** One entry of the side menu. */
export interface NavEntry {
  path: string;
  label: MessageKey;
  /** Shown when the user holds any of these permissions (none: everyone). */
  anyOf?: readonly Permission[];
  /** Shown only to users bound in one of these roles. */
  roles?: readonly Role[];
}

/**
 * The side menu: each entry only for the roles that can work with it. The route table (App.tsx)
 * guards the same pages by permission; the menu is stricter where a permission exists only for
 * pickers — every role reads regions to choose one, but only those who keep the ledgers (staff,
 * the administrator) have a use for the region tree itself.
 */
export const NAV: readonly NavEntry[] = [
  { path: '/', label: 'nav.home' },
  { path: '/dashboards', label: 'nav.dashboards', anyOf: ['dashboard.read'], roles: ['admin', 'staff'] },
  { path: '/judge', label: 'home.nav.judge', anyOf: ['contest.score'], roles: ['judge'] },
  { path: '/field', label: 'home.nav.field', anyOf: ['visit.write'], roles: ['specialist'] },
  { path: '/regions', label: 'nav.regions', anyOf: ['region.write', 'partyOrg.write'] },
  { path: '/party-orgs', label: 'nav.partyOrgs', anyOf: ['partyOrg.read'] },
  { path: '/host-orgs', label: 'nav.hostOrgs', anyOf: ['hostOrg.read'] },
  {
    path: '/host-orgs/coverage',
    label: 'nav.hostOrgCoverage',
    anyOf: ['hostOrg.read'],
    roles: ['admin', 'staff', 'secretary', 'member'],
  },
  { path: '/campaigns', label: 'nav.campaigns', anyOf: ['campaign.read'] },
  { path: '/challenges', label: 'nav.challenges', anyOf: ['challenge.read'] },
  { path: '/projects', label: 'nav.projects', anyOf: ['project.read'] },
  { path: '/reviews', label: 'nav.reviews', anyOf: ['review.read'] },
  { path: '/quarterly', label: 'nav.quarterly', anyOf: ['project.manage'] },
  { path: '/contests', label: 'nav.contests', anyOf: ['contest.read'] },
  { path: '/assessments', label: 'nav.assessments', anyOf: ['assessment.read'] },
  { path: '/visits', label: 'nav.visits', anyOf: ['visit.read'], roles: ['admin', 'staff'] },
  { path: '/demands', label: 'nav.demands', anyOf: ['demand.read'] },
  { path: '/worker', label: 'nav.worker', roles: ['worker', 'station_manager'] },
  { path: '/workers', label: 'nav.workers', anyOf: ['worker.read'], roles: ['admin', 'staff', 'station_manager'] },
  { path: '/passes', label: 'nav.passes', anyOf: ['pass.read'] },
  { path: '/rider', label: 'nav.rider', roles: ['worker'] },
  { path: '/guard', label: 'nav.guard', anyOf: ['pass.verify'], roles: ['guard'] },
  { path: '/stations', label: 'nav.stationFinder', anyOf: ['station.read'], roles: ['worker'] },
  { path: '/station', label: 'nav.station', anyOf: ['station.upkeep'], roles: ['station_manager'] },
  { path: '/mediator', label: 'nav.mediator', anyOf: ['dispute.write'], roles: ['mediator'] },
  { path: '/stations/ledger', label: 'nav.stationLedger', anyOf: ['station.manage'] },
  { path: '/gigs', label: 'nav.gigs', anyOf: ['gig.apply'], roles: ['worker'] },
  { path: '/gigs/jobs', label: 'nav.gigJobs', anyOf: ['gig.post'] },
  { path: '/gigs/fairs', label: 'nav.gigFairs', anyOf: ['gig.post'] },
  { path: '/gigs/pushes', label: 'nav.gigPushes', anyOf: ['gig.manage'] },
  { path: '/gigs/intentions', label: 'nav.gigIntentions', anyOf: ['gig.post'] },
  { path: '/disputes', label: 'nav.disputes', anyOf: ['dispute.read'], roles: ['admin', 'staff', 'mediator'] },
  {
    path: '/disputes/consultations',
    label: 'nav.disputeConsultations',
    anyOf: ['dispute.read'],
    roles: ['admin', 'staff', 'mediator'],
  },
  { path: '/users', label: 'nav.users', anyOf: ['user.read'] },
  { path: '/audit', label: 'nav.audit', anyOf: ['audit.read'] },
  { path: '/admin/jobs', label: 'nav.jobs', anyOf: ['job.admin'] },
];

/** The menu entries of a user with these permissions and roles. */
export function menuFor(permissions: ReadonlySet<Permission>, roles: ReadonlySet<Role>): NavEntry[] {
  return NAV.filter(
    (n) => (!n.anyOf || n.anyOf.some((p) => permissions.has(p))) && (!n.roles || n.roles.some((r) => roles.has(r))),
  );
}

/** Roles whose services come in later releases: their home says so and offers nothing else. */
export const LATER_ROLES: readonly Role[] = [];
