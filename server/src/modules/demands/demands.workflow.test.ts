import { describe, expect, it } from 'vitest';
import { DEMAND_STATUS_CODES, DEMAND_WORKFLOW, type DemandActor, type DemandWorkflowEvent } from '@touyan/schemas';
import { AppError } from '../../core/errors';
import { nextDemandStatus } from './demands.workflow';

const ACTORS: DemandActor[] = ['handler', 'contact', 'staff', 'system'];
const EVENTS: DemandWorkflowEvent[] = [
  'accept',
  'reply',
  'resolve',
  'rate',
  'reopen',
  'transfer',
  'return',
  'reroute',
  'close',
];

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'THROWN';
  }
}

describe('demand workflow table', () => {
  for (const t of DEMAND_WORKFLOW) {
    for (const actor of t.by) {
      it(`${t.from} --${t.event}--> ${t.to} is allowed for ${actor}`, () => {
        expect(nextDemandStatus(t.from, t.event, [actor], 'a note')).toBe(t.to);
      });
    }
    for (const actor of ACTORS.filter((a) => !t.by.includes(a))) {
      it(`${t.from} --${t.event}--> is refused for ${actor}`, () => {
        expect(code(() => nextDemandStatus(t.from, t.event, [actor], 'a note'))).toBe('FORBIDDEN');
      });
    }
    if (t.reasonRequired) {
      it(`${t.from} --${t.event}--> needs a note`, () => {
        expect(code(() => nextDemandStatus(t.from, t.event, t.by, ' '))).toBe('VALIDATION_FAILED');
      });
    }
  }

  for (const from of DEMAND_STATUS_CODES) {
    for (const event of EVENTS) {
      if (DEMAND_WORKFLOW.some((t) => t.from === from && t.event === event)) continue;
      it(`${from} --${event}--> is not a transition`, () => {
        expect(code(() => nextDemandStatus(from, event, ACTORS, 'a note'))).toBe('INVALID_TRANSITION');
      });
    }
  }

  it('walks a demand from receipt to closure, reopened once', () => {
    let s = nextDemandStatus('received', 'accept', ['handler']);
    s = nextDemandStatus(s, 'reply', ['handler'], '已联系企业');
    s = nextDemandStatus(s, 'resolve', ['handler'], '已解决');
    s = nextDemandStatus(s, 'reopen', ['contact']);
    expect(s).toBe('in_progress');
    s = nextDemandStatus(s, 'resolve', ['handler'], '再次办理');
    expect(nextDemandStatus(s, 'rate', ['contact'])).toBe('closed');
  });

  it('leaves nothing to do on a closed demand', () => {
    for (const e of EVENTS) expect(code(() => nextDemandStatus('closed', e, ACTORS, 'x'))).toBe('INVALID_TRANSITION');
  });
});
