import { findDemandTransition, type DemandActor, type DemandStatus, type DemandWorkflowEvent } from '@touyan/schemas';
import { AppError } from '../../core/errors';

/**
 * Applies the workflow table (DEMAND_WORKFLOW in @touyan/schemas): the event must exist from the
 * current state, the caller must be one of the actors allowed, and a note must be given where the
 * table requires one. Returns the next state. `DemandsService` changes a demand's status only here.
 */
export function nextDemandStatus(
  from: DemandStatus,
  event: DemandWorkflowEvent,
  as: readonly DemandActor[],
  note?: string | null,
): DemandStatus {
  const t = findDemandTransition(from, event);
  if (!t) throw new AppError('INVALID_TRANSITION');
  if (!t.by.some((b) => as.includes(b))) throw new AppError('FORBIDDEN');
  if (t.reasonRequired && !note?.trim()) throw new AppError('VALIDATION_FAILED', { note: 'required' });
  return t.to;
}
