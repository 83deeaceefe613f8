import type { Actor } from '../../core/actor';
import { orgsOfRoles } from '../../core/actor';
import { definePolicy } from '../../core/policy';
import { subtreeScope, type SubtreeScope } from '../../core/scope';
import { hostOrgWriteScope, type HostOrgScope } from '../host-orgs/host-orgs.policy';

/**
 * Which stations a user reaches: everything (the administrator; a worker, for whom the stations are
 * a public directory to find and check in at), the stations in the regions of the Party
 * organisations a staff binding names (their region and the regions below it), and the stations the
 * user manages (a station manager: their own station only).
 */
export interface StationScope {
  all: boolean;
  /** Stations whose region lies under the region of one of these Party organisations. */
  regionOrgIds: string[];
  /** Stations this user manages. */
  managerUserId: string | null;
}

const hasRole = (actor: Actor, role: string) => actor.bindings.some((b) => b.role === role);

export function stationReadScope(actor: Actor): StationScope {
  return {
    all: actor.isAdmin || hasRole(actor, 'worker'),
    regionOrgIds: orgsOfRoles(actor, ['staff']),
    managerUserId: hasRole(actor, 'station_manager') ? actor.userId : null,
  };
}

/** The ledger: the administrator, staff over the station's region. */
export function stationManageScope(actor: Actor): StationScope {
  return { all: actor.isAdmin, regionOrgIds: orgsOfRoles(actor, ['staff']), managerUserId: null };
}

/** Hours, amenities, the code, today's check-ins: the ledger's keepers, and the station's own manager. */
export function stationUpkeepScope(actor: Actor): StationScope {
  return {
    all: actor.isAdmin,
    regionOrgIds: orgsOfRoles(actor, ['staff']),
    managerUserId: hasRole(actor, 'station_manager') ? actor.userId : null,
  };
}

/** Whom the ledger's keeper may name a station's manager: station managers bound in their subtree (the administrator: any). */
export function stationManagerPickScope(actor: Actor): SubtreeScope {
  return subtreeScope(actor, ['staff']);
}

/** Which host organisations the ledger's keeper may name a station's host: those they keep (the administrator: any). */
export function stationHostOrgScope(actor: Actor): HostOrgScope {
  return hostOrgWriteScope(actor);
}

export interface StationFacts {
  manageable: boolean;
  keepable: boolean;
}

export const stationPolicy = definePolicy<'update' | 'upkeep' | 'code', StationFacts>({
  update: (actor, s) => actor.permissions.has('station.manage') && s.manageable,
  upkeep: (actor, s) => actor.permissions.has('station.upkeep') && s.keepable,
  code: (actor, s) => actor.permissions.has('station.upkeep') && s.keepable,
});
