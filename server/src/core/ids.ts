import { monotonicFactory } from 'ulidx';

const next = monotonicFactory();
/** Opaque, time-ordered ids (ULID): sortable for keyset pagination, not walkable. */
export const newId = (): string => next();
