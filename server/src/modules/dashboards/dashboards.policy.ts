import { orgsOfRoles, type Actor } from '../../core/actor';

/**
 * 监管驾驶舱: whose area a user sees. Staff see the areas of the Party organisations they are bound
 * on as staff (a city 社工部: the city and each county 社工部 below it; a county 社工部: that county
 * only); the administrator every root organisation and its counties; anyone else nothing. A region
 * outside these areas answers 404, as an out-of-scope record does.
 */
export interface DashboardScope {
  all: boolean;
  /** The staff bindings' organisations (the areas' tops). */
  orgIds: string[];
}

export function dashboardScope(actor: Actor): DashboardScope {
  if (actor.isAdmin) return { all: true, orgIds: [] };
  return { all: false, orgIds: orgsOfRoles(actor, ['staff']) };
}

/** The organisation type whose children are drilled into as counties. */
export const AREA_ORG_TYPE = 'sw_dept';
