import type { Actor } from '../../core/actor';
import { definePolicy } from '../../core/policy';

/**
 * The region tree (GB/T 2260) is reference data: everyone with region.read reads all of it (no
 * scope); the administrator (region.write) renames, moves and adds regions.
 */
export type RegionAction = 'update' | 'move' | 'createChild';

const writes = (actor: Actor) => actor.permissions.has('region.write');

export const regionPolicy = definePolicy<RegionAction, unknown>({
  update: writes,
  move: writes,
  createChild: writes,
});
