import {
  coverageStatusOf,
  threeHasOf,
  type CoverageStatus,
  type NotFormedReason,
  type OrgCoverageKind,
} from '@touyan/schemas';

/**
 * The ledger's derivation (两个覆盖, 三有), in one place: the form (HostOrgsService.toWrite) and the
 * Excel import (HostOrgImportsService.evaluate) both call `deriveLedger`, so a record reads the same
 * whichever way it was written.
 */

/** The ledger as stored on a record: what an omitted field keeps. */
export interface StoredLedger {
  orgCoverageKind: string;
  orgFormedOn: string | null;
  notFormedReason: string | null;
  notFormedNote: string | null;
  liaisonName: string | null;
  workCoveredSince: string | null;
  hasFixedPremises: number;
  operatingNormally: number;
  leaderContactUserId: string | null;
}

/**
 * What a write says about the ledger. `undefined` keeps the stored value (update) or takes the
 * default (create: kind from the Party-organisation link, premises no, operating yes, the rest empty).
 */
export interface LedgerInput {
  partyOrgId: string | null;
  instructorId: string | null;
  staffCount: number;
  orgCoverageKind?: OrgCoverageKind | undefined;
  orgFormedOn?: string | null | undefined;
  notFormedReason?: NotFormedReason | null | undefined;
  notFormedNote?: string | null | undefined;
  liaisonName?: string | null | undefined;
  workCoveredSince?: string | null | undefined;
  hasFixedPremises?: boolean | undefined;
  operatingNormally?: boolean | undefined;
  leaderContactUserId?: string | null | undefined;
}

/** The stored ledger columns a write sets. */
export interface DerivedLedger {
  coverageStatus: CoverageStatus;
  orgCoverageKind: OrgCoverageKind;
  orgFormedOn: string | null;
  notFormedReason: NotFormedReason | null;
  notFormedNote: string | null;
  liaisonName: string | null;
  workCoveredSince: string | null;
  hasFixedPremises: number;
  operatingNormally: number;
  threeHas: number;
  leaderContactUserId: string | null;
}

/** A contradiction in the input: a formed kind needs a Party organisation; `none` allows none. */
export type LedgerProblem = { field: 'partyOrgId'; code: 'required' } | { field: 'orgCoverageKind'; code: 'invalid' };

/**
 * Derives the ledger of a write from what it says and the record before it (null on create):
 * - the kind follows the Party-organisation link unless the write changed the kind itself (an older
 *   client sends the stored kind back, or none): linking gives `own` (or keeps a formed kind),
 *   unlinking gives `none`;
 * - the date formed only while formed; the reason and its note only while not formed; the date of
 *   work coverage only while an instructor or a liaison covers it;
 * - 三有 from the premises and operating flags and the staff count; the coverage status from all of it.
 */
export function deriveLedger(
  input: LedgerInput,
  before: StoredLedger | null,
): { ledger: DerivedLedger; problems: LedgerProblem[] } {
  const keep = <T>(v: T | undefined, old: T, dflt: T): T => (v !== undefined ? v : before ? old : dflt);
  const changedKind = input.orgCoverageKind !== undefined && input.orgCoverageKind !== before?.orgCoverageKind;
  const orgCoverageKind: OrgCoverageKind =
    changedKind || (input.orgCoverageKind !== undefined && !before)
      ? input.orgCoverageKind!
      : input.partyOrgId === null
        ? 'none'
        : before && before.orgCoverageKind !== 'none'
          ? (before.orgCoverageKind as OrgCoverageKind)
          : 'own';
  const problems: LedgerProblem[] = [];
  if (orgCoverageKind !== 'none' && !input.partyOrgId) problems.push({ field: 'partyOrgId', code: 'required' });
  if (orgCoverageKind === 'none' && input.partyOrgId) problems.push({ field: 'orgCoverageKind', code: 'invalid' });
  const formed = orgCoverageKind !== 'none';
  const liaisonName = keep(input.liaisonName, before?.liaisonName ?? null, null) || null;
  const workCovered = Boolean(input.instructorId || liaisonName);
  const hasFixedPremises = keep(input.hasFixedPremises, before?.hasFixedPremises === 1, false);
  const operatingNormally = keep(input.operatingNormally, before?.operatingNormally === 1, true);
  const ledger: DerivedLedger = {
    coverageStatus: coverageStatusOf({
      partyOrgId: input.partyOrgId,
      instructorId: input.instructorId,
      orgCoverageKind,
      liaisonName,
    }),
    orgCoverageKind,
    orgFormedOn: formed ? keep(input.orgFormedOn, before?.orgFormedOn ?? null, null) : null,
    notFormedReason: formed
      ? null
      : keep(input.notFormedReason, (before?.notFormedReason ?? null) as NotFormedReason | null, null),
    notFormedNote: formed ? null : keep(input.notFormedNote, before?.notFormedNote ?? null, null) || null,
    liaisonName,
    workCoveredSince: workCovered ? keep(input.workCoveredSince, before?.workCoveredSince ?? null, null) : null,
    hasFixedPremises: hasFixedPremises ? 1 : 0,
    operatingNormally: operatingNormally ? 1 : 0,
    threeHas: threeHasOf({ hasFixedPremises, operatingNormally, staffCount: input.staffCount }) ? 1 : 0,
    leaderContactUserId: keep(input.leaderContactUserId, before?.leaderContactUserId ?? null, null),
  };
  return { ledger, problems };
}

/**
 * The fields the input gave a value that the derivation dropped (a date formed while not formed, a
 * reason while formed, a date of work coverage with nobody covering): the form quietly drops them,
 * the import reports them, since a sheet that says one thing and stores another would not re-import
 * unchanged.
 */
export function droppedLedgerFields(
  input: LedgerInput,
  ledger: DerivedLedger,
): ('orgFormedOn' | 'notFormedReason' | 'notFormedNote' | 'workCoveredSince')[] {
  const out: ('orgFormedOn' | 'notFormedReason' | 'notFormedNote' | 'workCoveredSince')[] = [];
  for (const k of ['orgFormedOn', 'notFormedReason', 'notFormedNote', 'workCoveredSince'] as const) {
    if (input[k] && ledger[k] === null) out.push(k);
  }
  return out;
}
