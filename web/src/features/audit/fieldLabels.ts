import {
  COVERAGE_STATUSES,
  HOST_ORG_CATEGORIES,
  HOST_ORG_TYPES,
  INDUSTRIES,
  PARTY_ORG_TYPES,
  ROLES,
  SIZE_CLASSES,
  type Label,
} from '@touyan/schemas';
import type { MessageKey } from '../../i18n';

/** Display names of audited fields (by field key; the same key means the same thing in every record type). */
export const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'regions.name',
  code: 'regions.code',
  parentCode: 'regions.parent',
  parentId: 'partyOrgs.parent',
  creditCode: 'hostOrgs.creditCode',
  category: 'hostOrgs.category',
  industry: 'hostOrgs.industry',
  sizeClass: 'hostOrgs.sizeClass',
  regionCode: 'hostOrgs.region',
  regionName: 'hostOrgs.region',
  managingOrgName: 'hostOrgs.managingOrg',
  partyOrgName: 'hostOrgs.partyOrg',
  instructorName: 'hostOrgs.instructor',
  specialistName: 'hostOrgs.specialist',
  park: 'hostOrgs.park',
  address: 'hostOrgs.address',
  staffCount: 'hostOrgs.staffCount',
  partyMemberCount: 'hostOrgs.partyMemberCount',
  managingOrgId: 'hostOrgs.managingOrg',
  partyOrgId: 'hostOrgs.partyOrg',
  instructorId: 'hostOrgs.instructor',
  specialistUserId: 'hostOrgs.specialist',
  coverageStatus: 'hostOrgs.coverage',
  secretaryName: 'partyOrgs.secretaryName',
  contactPhone: 'partyOrgs.contactPhone',
  establishedOn: 'partyOrgs.establishedOn',
  memberCount: 'partyOrgs.memberCount',
  note: 'partyOrgs.note',
  username: 'users.username',
  displayName: 'users.displayName',
  mobile: 'users.mobile',
  disabled: 'users.disabled',
  role: 'users.role',
  orgId: 'users.org',
  hostOrgId: 'users.hostOrg',
};

/** Fields whose values are dictionary codes. */
export const FIELD_DICTS: Record<string, Record<string, Label>> = {
  industry: INDUSTRIES,
  sizeClass: SIZE_CLASSES,
  coverageStatus: COVERAGE_STATUSES,
  category: HOST_ORG_CATEGORIES,
  role: ROLES,
};

/** `type` means a party-org type or a host-org type depending on the record. */
export function typeDict(entityType: string | null): Record<string, Label> | undefined {
  if (entityType === 'party_org') return PARTY_ORG_TYPES;
  if (entityType === 'host_org') return HOST_ORG_TYPES;
  return undefined;
}
