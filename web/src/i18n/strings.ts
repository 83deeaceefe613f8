import { auditStrings } from '../features/audit/strings';
import { authStrings } from '../features/auth/strings';
import { homeStrings } from '../features/home/strings';
import { hostOrgStrings } from '../features/host-orgs/strings';
import { ledgerStrings } from '../features/host-orgs/ledger.strings';
import { partyOrgStrings } from '../features/party-orgs/strings';
import { regionStrings } from '../features/regions/strings';
import { userStrings } from '../features/users/strings';
import { campaignStrings } from '../features/campaigns/strings';
import { challengeStrings } from '../features/challenges/strings';
import { projectStrings } from '../features/projects/strings';
import { reviewStrings } from '../features/reviews/strings';
import { executionStrings } from '../features/execution/strings';
import { notificationStrings } from '../features/notifications/strings';
import { contestStrings } from '../features/contests/strings';
import { contestPhoneStrings } from '../features/contests/phoneStrings';
import { assessmentStrings } from '../features/assessments/strings';
import { visitFieldStrings } from '../features/visits/fieldStrings';
import { jobStrings } from '../features/jobs/strings';
import { demandStrings } from '../features/demands/strings';
import { visitStrings } from '../features/visits/strings';
import { stationStrings } from '../features/stations/stationStrings';
import { passStrings } from '../features/passes/passStrings';
import { passAdminStrings } from '../features/passes/strings';
import { workerStrings } from '../features/workers/strings';
import { workerPhoneStrings } from '../features/workers/phoneStrings';
import { gigPhoneStrings } from '../features/gigs/phoneStrings';
import { gigStrings } from '../features/gigs/strings';
import { gigListStrings } from '../features/gigs/listStrings';
import { gigFairPhoneStrings } from '../features/gigs/fairStrings';
import { mediatorStrings } from '../features/disputes/mediatorStrings';
import { disputeStrings } from '../features/disputes/strings';
import { workerDisputeStrings } from '../features/disputes/workerStrings';
import { dashboardStrings } from '../features/dashboards/strings';
import { commonStrings } from './common';
import type { StringTable } from './types';

const tables = [
  commonStrings,
  authStrings,
  homeStrings,
  regionStrings,
  partyOrgStrings,
  hostOrgStrings,
  ledgerStrings,
  userStrings,
  auditStrings,
  campaignStrings,
  challengeStrings,
  projectStrings,
  reviewStrings,
  executionStrings,
  notificationStrings,
  contestStrings,
  contestPhoneStrings,
  assessmentStrings,
  visitFieldStrings,
  jobStrings,
  demandStrings,
  visitStrings,
  stationStrings,
  passStrings,
  passAdminStrings,
  workerStrings,
  workerPhoneStrings,
  gigPhoneStrings,
  gigStrings,
  gigListStrings,
  gigFairPhoneStrings,
  mediatorStrings,
  disputeStrings,
  workerDisputeStrings,
  dashboardStrings,
] as const;

type KeysOf<T> = T extends { 'zh-CN': Record<infer K, string> } ? K : never;
export type MessageKey = KeysOf<(typeof tables)[number]>;

/** Every table of the app; the admin app adds them all (`addStrings(...ALL_STRINGS)`). */
export const ALL_STRINGS: readonly StringTable<string>[] = tables;
