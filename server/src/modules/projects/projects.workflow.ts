import { findTransition, type ProjectEvent, type ProjectStatus, type WorkflowActor } from '@touyan/schemas';
import { AppError } from '../../core/errors';

/**
 * Applies the workflow table (PROJECT_WORKFLOW in @touyan/schemas) to one request: the event must
 * exist from the current state, the caller must be one of the actors allowed, and a reason must be
 * given where the table requires one. Returns the next state.
 */
export function nextStatus(
  from: ProjectStatus,
  event: ProjectEvent,
  as: readonly WorkflowActor[],
  reason?: string | null,
): ProjectStatus {
  const t = findTransition(from, event);
  if (!t) throw new AppError('INVALID_TRANSITION');
  if (!t.by.some((b) => as.includes(b))) throw new AppError('FORBIDDEN');
  if (t.reasonRequired && !reason?.trim()) throw new AppError('VALIDATION_FAILED', { reason: 'required' });
  return t.to;
}

/** The events this caller could fire from a state (the UI shows these as buttons). */
export function availableEvents(from: ProjectStatus, as: readonly WorkflowActor[]): ProjectEvent[] {
  return (
    ['submit', 'withdraw', 'resubmit', 'schedule', 'unschedule', 'complete', 'terminate'] as ProjectEvent[]
  ).filter((e) => {
    const t = findTransition(from, e);
    return !!t && t.by.some((b) => as.includes(b));
  });
}
