import type { Role } from '@touyan/schemas';
import { ROLE_CODES } from '@touyan/schemas';
import type { Session, TestApp } from '../harness';
import type { World } from '../world';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Req {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** What every probe can use: the app, the two-county world, per-role sessions and extra fixtures. */
export interface Fixtures {
  t: TestApp;
  w: World;
  /** Fixtures made by probe modules' setup (ids by name). */
  extra: Record<string, string>;
  sessions: Map<Role, Session>;
  seq: () => number;
  /** Current version of a record, read as the administrator. */
  version: (kind: string, id: string) => Promise<number>;
}

export interface Probe {
  /** The roles whose call on the county-A record succeeds. */
  allow: readonly Role[];
  /**
   * The roles that read the county-A record (by default those in `allow`). A role holding the route's
   * permission but refused gets 403 if it reads the record, 404 if not (the record is never confirmed).
   */
  reads?: readonly Role[];
  in: (f: Fixtures) => Promise<Req> | Req;
  out?: (f: Fixtures) => Promise<Req> | Req;
  /** For lists: what must (not) be in the reply. */
  check?: (body: unknown, f: Fixtures, role: Role) => void;
  /** A status every allowed role gets in scope instead of 200 (for routes probed with bad input). */
  inStatus?: number;
  /** The reply is not JSON (e.g. an Excel download). */
  binary?: boolean;
  /** Exceptions by role, e.g. the administrator gets 400 because only a secretary can declare. */
  statusFor?: Partial<Record<Role, { in?: number; out?: number }>>;
}

export interface ProbeModule {
  /** Makes this module's fixtures (in county A and county B) before the matrix runs. */
  setup?: (f: Fixtures) => Promise<void>;
  /**
   * By route (`METHOD /api/path`). A further case of the same route is keyed `METHOD /api/path [what]`
   * (e.g. a record county A reads but may not write, declared with `reads`); the route is its key's.
   */
  probes: Record<string, Probe>;
}

export const ALL = ROLE_CODES;
export const REGION_READERS = ALL.filter((r) => !['worker', 'guard', 'station_manager'].includes(r));
export const PARTY_READERS: Role[] = ['admin', 'staff', 'secretary', 'member'];
export const HOST_READERS: Role[] = [
  'admin',
  'staff',
  'secretary',
  'member',
  'specialist',
  'handler',
  'contact',
  'employer',
];
export const STAFF: Role[] = ['admin', 'staff'];

export const ids = (body: unknown) => ((body as { items: { id: string }[] }).items ?? []).map((i) => i.id);
