import type { Generated } from 'kysely';

/** Row types as seen through Kysely's CamelCasePlugin (columns are snake_case in the database). */
export interface RegionsTable {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface RegionClosureTable {
  ancestorCode: string;
  descendantCode: string;
  depth: number;
}

export interface PartyOrgsTable {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  regionCode: string;
  secretaryName: string;
  secretaryUserId: string | null;
  contactPhoneEnc: string | null;
  establishedOn: string | null;
  memberCount: number;
  note: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  deletedAt: string | null;
}

export interface OrgClosureTable {
  ancestorId: string;
  descendantId: string;
  depth: number;
}

export interface InstructorsTable {
  id: string;
  name: string;
  mobileEnc: string;
  partyOrgId: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface HostOrgsTable {
  id: string;
  name: string;
  creditCode: string;
  category: string;
  type: string;
  industry: string;
  sizeClass: string;
  regionCode: string;
  park: string | null;
  address: string | null;
  staffCount: number;
  partyMemberCount: number;
  managingOrgId: string;
  partyOrgId: string | null;
  instructorId: string | null;
  specialistUserId: string | null;
  coverageStatus: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  deletedAt: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  mobileEnc: string | null;
  mobileHash: string | null;
  passwordHash: string;
  mustChangePassword: Generated<number>;
  failedLogins: Generated<number>;
  lockedUntil: string | null;
  disabled: Generated<number>;
  locale: Generated<string>;
  lastLoginAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface RoleBindingsTable {
  id: string;
  userId: string;
  role: string;
  /** null only for the system administrator, whose reach is global. */
  orgId: string | null;
  hostOrgId: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface SessionsTable {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogsTable {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  entityLabel: string | null;
  changes: string;
  ip: string | null;
  requestId: string | null;
  scopeOrgId: string | null;
}

export interface DB {
  regions: RegionsTable;
  regionClosure: RegionClosureTable;
  partyOrgs: PartyOrgsTable;
  orgClosure: OrgClosureTable;
  instructors: InstructorsTable;
  hostOrgs: HostOrgsTable;
  users: UsersTable;
  roleBindings: RoleBindingsTable;
  sessions: SessionsTable;
  auditLogs: AuditLogsTable;
}
