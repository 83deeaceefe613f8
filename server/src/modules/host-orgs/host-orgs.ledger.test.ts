import { describe, expect, it } from 'vitest';
import { deriveLedger, droppedLedgerFields, type LedgerInput, type StoredLedger } from './host-orgs.ledger';

const stored = (over: Partial<StoredLedger> = {}): StoredLedger => ({
  orgCoverageKind: 'none',
  orgFormedOn: null,
  notFormedReason: 'forming',
  notFormedNote: '年内组建',
  liaisonName: null,
  workCoveredSince: null,
  hasFixedPremises: 1,
  operatingNormally: 1,
  leaderContactUserId: 'u_leader',
  ...over,
});
const input = (over: Partial<LedgerInput> = {}): LedgerInput => ({
  partyOrgId: null,
  instructorId: null,
  staffCount: 20,
  ...over,
});

describe('the ledger derivation (one for the form and the import)', () => {
  it('creates with defaults: kind from the link, premises no, operating yes, 三有 from them', () => {
    const { ledger, problems } = deriveLedger(input(), null);
    expect(problems).toEqual([]);
    expect(ledger).toEqual({
      coverageStatus: 'uncovered',
      orgCoverageKind: 'none',
      orgFormedOn: null,
      notFormedReason: null,
      notFormedNote: null,
      liaisonName: null,
      workCoveredSince: null,
      hasFixedPremises: 0,
      operatingNormally: 1,
      threeHas: 0,
      leaderContactUserId: null,
    });
    const linked = deriveLedger(input({ partyOrgId: 'p1', hasFixedPremises: true, orgFormedOn: '2020-01-02' }), null);
    expect(linked.ledger).toMatchObject({
      orgCoverageKind: 'own',
      coverageStatus: 'org_covered',
      orgFormedOn: '2020-01-02',
      threeHas: 1,
    });
    expect(deriveLedger(input({ hasFixedPremises: true, staffCount: 9 }), null).ledger.threeHas).toBe(0);
  });

  it('keeps stored values for omitted fields, and a formed kind while the link stays', () => {
    const before = stored({ orgCoverageKind: 'joint', orgFormedOn: '2019-05-01', notFormedReason: null });
    const { ledger } = deriveLedger(input({ partyOrgId: 'p1' }), before);
    expect(ledger).toMatchObject({
      orgCoverageKind: 'joint',
      orgFormedOn: '2019-05-01',
      hasFixedPremises: 1,
      threeHas: 1,
      leaderContactUserId: 'u_leader',
    });
    // The stored kind sent back (an older client, or the sheet's column unchanged) follows the link.
    expect(deriveLedger(input({ partyOrgId: null, orgCoverageKind: 'joint' }), before).ledger).toMatchObject({
      orgCoverageKind: 'none',
      orgFormedOn: null,
    });
  });

  it('reports a formed kind without an organisation and none with one, and says what it dropped', () => {
    expect(deriveLedger(input({ orgCoverageKind: 'own' }), null).problems).toEqual([
      { field: 'partyOrgId', code: 'required' },
    ]);
    expect(deriveLedger(input({ partyOrgId: 'p1', orgCoverageKind: 'none' }), null).problems).toEqual([
      { field: 'orgCoverageKind', code: 'invalid' },
    ]);
    const i = input({ partyOrgId: 'p1', notFormedReason: 'forming', workCoveredSince: '2021-01-01' });
    const { ledger } = deriveLedger(i, null);
    expect(ledger.notFormedReason).toBeNull();
    expect(droppedLedgerFields(i, ledger)).toEqual(['notFormedReason', 'workCoveredSince']);
    const liaison = input({ liaisonName: '王联络', workCoveredSince: '2021-01-01', orgFormedOn: '2020-01-01' });
    const l = deriveLedger(liaison, null).ledger;
    expect(l).toMatchObject({ coverageStatus: 'work_covered', workCoveredSince: '2021-01-01' });
    expect(droppedLedgerFields(liaison, l)).toEqual(['orgFormedOn']);
  });
});
