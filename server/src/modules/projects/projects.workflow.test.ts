import { describe, expect, it } from 'vitest';
import {
  PROJECT_EVENTS,
  PROJECT_STATUS_CODES,
  PROJECT_WORKFLOW,
  type ProjectEvent,
  type WorkflowActor,
} from '@touyan/schemas';
import { AppError } from '../../core/errors';
import { availableEvents, nextStatus } from './projects.workflow';

const ACTORS: WorkflowActor[] = ['secretary', 'staff', 'system'];
const EVENTS = Object.keys(PROJECT_EVENTS) as ProjectEvent[];

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'THROWN';
  }
}

describe('project workflow table', () => {
  // Every allowed transition, fired by each actor the table allows, succeeds.
  for (const t of PROJECT_WORKFLOW) {
    for (const actor of t.by) {
      it(`${t.from} --${t.event}--> ${t.to} is allowed for ${actor}`, () => {
        expect(nextStatus(t.from, t.event, [actor], 'a reason')).toBe(t.to);
      });
    }
    // …and is refused for every other actor.
    for (const actor of ACTORS.filter((a) => !t.by.includes(a))) {
      it(`${t.from} --${t.event}--> is refused for ${actor}`, () => {
        expect(code(() => nextStatus(t.from, t.event, [actor], 'a reason'))).toBe('FORBIDDEN');
      });
    }
    if (t.reasonRequired) {
      it(`${t.from} --${t.event}--> needs a reason`, () => {
        expect(code(() => nextStatus(t.from, t.event, t.by, '  '))).toBe('VALIDATION_FAILED');
      });
    }
  }

  // Every pair not in the table is an illegal transition, whoever fires it.
  for (const from of PROJECT_STATUS_CODES) {
    for (const event of EVENTS) {
      if (PROJECT_WORKFLOW.some((t) => t.from === from && t.event === event)) continue;
      it(`${from} --${event}--> is not a transition`, () => {
        expect(code(() => nextStatus(from, event, ACTORS, 'a reason'))).toBe('INVALID_TRANSITION');
      });
    }
  }

  it('ends in completed, terminated and rejected: nothing leaves them', () => {
    for (const end of ['completed', 'terminated', 'rejected'] as const) {
      expect(availableEvents(end, ACTORS)).toEqual([]);
    }
  });

  it('offers a secretary submit on a draft and resubmit on a returned declaration', () => {
    expect(availableEvents('draft', ['secretary'])).toEqual(['submit']);
    expect(availableEvents('returned', ['secretary'])).toEqual(['resubmit']);
    expect(availableEvents('approved', ['staff'])).toEqual(['complete', 'terminate']);
  });
});
