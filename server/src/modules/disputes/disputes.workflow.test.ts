import { describe, expect, it } from 'vitest';
import {
  allowedDisputeEvents,
  DISPUTE_EVENT_CODES,
  DISPUTE_STATUS_CODES,
  DISPUTE_WORKFLOW,
  disputeTransition,
  type DisputeEvent,
  type DisputeFacts,
  type DisputeStatus,
} from '@touyan/schemas';
import { actorOf, verdict } from '../../core/policy.fixtures';
import { authorizeEvent, caseAbilities } from './disputes.policy';

const base: DisputeFacts = {
  status: 'registered',
  type: 'wage_arrears',
  mediation: null,
  arbitration: null,
  litigation: null,
  legalAid: null,
};
const mediation = (o: Partial<NonNullable<DisputeFacts['mediation']>> = {}) => ({
  status: 'ongoing' as const,
  performed: null,
  periodOver: false,
  ...o,
});
const arbitration = (o: Partial<NonNullable<DisputeFacts['arbitration']>> = {}) => ({
  status: 'applied' as const,
  acceptanceOverdue: false,
  awardOverdue: false,
  awardExtendedDays: 0,
  hearingSet: false,
  ...o,
});
const f = (o: Partial<DisputeFacts>): DisputeFacts => ({ ...base, ...o });

describe('the dispute workflow table', () => {
  it('names every event once', () => {
    expect(DISPUTE_WORKFLOW.map((t) => t.event).sort()).toEqual([...DISPUTE_EVENT_CODES].sort());
  });

  it('refuses every event from a status not in its row, and a closed case takes no event', () => {
    for (const t of DISPUTE_WORKFLOW)
      for (const s of DISPUTE_STATUS_CODES.filter((x) => !t.from.includes(x)))
        expect(disputeTransition(f({ status: s }), t.event), `${t.event} from ${s}`).toBeUndefined();
    expect(allowedDisputeEvents(f({ status: 'closed' }))).toEqual([]);
  });

  // [why, facts, event, next status (undefined: refused)]
  const table: [string, DisputeFacts, DisputeEvent, DisputeStatus | undefined][] = [
    ['mediation starts on a registered case', base, 'start_mediation', 'mediating'],
    ['arbitration without mediation (mediation is voluntary)', base, 'apply_arbitration', 'arbitrating'],
    ['no court before arbitration (仲裁前置)', base, 'file_litigation', undefined],
    ['legal aid at intake', base, 'apply_legal_aid', 'registered'],
    ['no decision without an application', base, 'decide_legal_aid', undefined],
    ['closing a registered case (withdrawn)', base, 'close', 'closed'],
    ['a session while mediating', f({ status: 'mediating', mediation: mediation() }), 'record_session', 'mediating'],
    ['extension by agreement', f({ status: 'mediating', mediation: mediation() }), 'extend_mediation', 'mediating'],
    ['agreement', f({ status: 'mediating', mediation: mediation() }), 'mediation_agreement', 'mediated'],
    ['failure', f({ status: 'mediating', mediation: mediation() }), 'mediation_failed', 'mediation_failed'],
    [
      'no arbitration within the 15 days of mediation',
      f({ status: 'mediating', mediation: mediation() }),
      'apply_arbitration',
      undefined,
    ],
    [
      'arbitration once the 15 days ran out without agreement (Art. 14)',
      f({ status: 'mediating', mediation: mediation({ periodOver: true }) }),
      'apply_arbitration',
      'arbitrating',
    ],
    [
      'arbitration after mediation failed',
      f({ status: 'mediation_failed', mediation: mediation({ status: 'failed' }) }),
      'apply_arbitration',
      'arbitrating',
    ],
    [
      'performance recorded on an agreement',
      f({ status: 'mediated', mediation: mediation({ status: 'agreed' }) }),
      'record_performance',
      'mediated',
    ],
    [
      'performance already recorded as performed',
      f({ status: 'mediated', mediation: mediation({ status: 'agreed', performed: true }) }),
      'record_performance',
      undefined,
    ],
    [
      'no arbitration on an agreement not yet known unperformed',
      f({ status: 'mediated', mediation: mediation({ status: 'agreed' }) }),
      'apply_arbitration',
      undefined,
    ],
    [
      'arbitration on an unperformed agreement (Art. 15)',
      f({ status: 'mediated', mediation: mediation({ status: 'agreed', performed: false }) }),
      'apply_arbitration',
      'arbitrating',
    ],
    [
      'a payment order on an unperformed wage agreement (Art. 16)',
      f({ status: 'mediated', mediation: mediation({ status: 'agreed', performed: false }) }),
      'file_litigation',
      'litigating',
    ],
    [
      'no payment order for a labour-relation dispute',
      f({ status: 'mediated', type: 'labour_relation', mediation: mediation({ status: 'agreed', performed: false }) }),
      'file_litigation',
      undefined,
    ],
    [
      'acceptance of an application',
      f({ status: 'arbitrating', arbitration: arbitration() }),
      'accept_arbitration',
      'arbitrating',
    ],
    [
      'refusal of an application',
      f({ status: 'arbitrating', arbitration: arbitration() }),
      'refuse_arbitration',
      'arbitrating',
    ],
    ['no award before acceptance', f({ status: 'arbitrating', arbitration: arbitration() }), 'award', undefined],
    [
      'no court while the acceptance decision is due',
      f({ status: 'arbitrating', arbitration: arbitration() }),
      'file_litigation',
      undefined,
    ],
    [
      'court when no acceptance decision came within 5 days (Art. 29)',
      f({ status: 'arbitrating', arbitration: arbitration({ acceptanceOverdue: true }) }),
      'file_litigation',
      'litigating',
    ],
    [
      'court after refusal',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'refused' }) }),
      'file_litigation',
      'litigating',
    ],
    [
      'hearing after acceptance',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'accepted' }) }),
      'schedule_hearing',
      'arbitrating',
    ],
    [
      'award after acceptance',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'accepted' }) }),
      'award',
      'arbitrating',
    ],
    [
      'award period extended',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'accepted' }) }),
      'extend_award',
      'arbitrating',
    ],
    [
      'no extension past 15 days (Art. 43)',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'accepted', awardExtendedDays: 15 }) }),
      'extend_award',
      undefined,
    ],
    [
      'no court while the award is due',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'accepted' }) }),
      'file_litigation',
      undefined,
    ],
    [
      'court when no award came in time (Art. 43)',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'accepted', awardOverdue: true }) }),
      'file_litigation',
      'litigating',
    ],
    [
      'court after an award (Art. 48, 50)',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'awarded' }) }),
      'file_litigation',
      'litigating',
    ],
    [
      'no second award',
      f({ status: 'arbitrating', arbitration: arbitration({ status: 'awarded' }) }),
      'award',
      undefined,
    ],
    ['judgement', f({ status: 'litigating', litigation: { judged: false } }), 'judgement', 'litigating'],
    ['no second judgement', f({ status: 'litigating', litigation: { judged: true } }), 'judgement', undefined],
    ['legal aid in court', f({ status: 'litigating', litigation: { judged: false } }), 'apply_legal_aid', 'litigating'],
    ['no second application while one is pending', f({ legalAid: 'applied' }), 'apply_legal_aid', undefined],
    ['a new application after a denial', f({ legalAid: 'denied' }), 'apply_legal_aid', 'registered'],
    ['no new application once granted', f({ legalAid: 'approved' }), 'apply_legal_aid', undefined],
    ['deciding a pending application', f({ legalAid: 'applied' }), 'decide_legal_aid', 'registered'],
  ];
  for (const [why, facts, event, to] of table) {
    it(`${why}: ${facts.status} × ${event} → ${to ?? 'refused'}`, () => {
      expect(disputeTransition(facts, event)).toBe(to);
    });
  }

  it('lets those who record cases act, refuses the rest (403) and a refused event (409)', () => {
    const mediator = actorOf('mediator');
    const staff = actorOf('staff');
    const worker = actorOf('worker');
    const facts = { workflow: base };
    expect(caseAbilities(mediator, facts)).toEqual([...allowedDisputeEvents(base), 'evidence']);
    expect(caseAbilities(staff, facts)).toContain('start_mediation');
    expect(caseAbilities(worker, facts)).toEqual([]);
    expect(verdict(() => authorizeEvent(worker, facts, 'start_mediation'))).toBe('FORBIDDEN');
    expect(verdict(() => authorizeEvent(mediator, facts, 'judgement'))).toBe('INVALID_TRANSITION');
    expect(verdict(() => authorizeEvent(mediator, facts, 'start_mediation'))).toBe('ok');
    expect(caseAbilities(mediator, { workflow: f({ status: 'closed' }) })).toEqual([]);
  });
});
