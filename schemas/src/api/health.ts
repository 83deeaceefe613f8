import { z } from 'zod';
import { rawResponse, route } from '../contract';

/** The health check: 200 with status ok, 503 with status error when the database does not answer. */
export const healthView = z.object({ status: z.enum(['ok', 'error']), db: z.enum(['sqlite', 'postgres']) });

/**
 * Readiness (issue 16): 200 when this process should get traffic — the database, the file storage
 * and the job queue answer and it is not shutting down; else 503 with what failed.
 */
export const readyView = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({
    db: z.enum(['ok', 'error']),
    storage: z.enum(['ok', 'error']),
    queue: z.enum(['ok', 'error']),
    shuttingDown: z.boolean(),
  }),
});

/** The health routes (see ../contract.ts): moved here from server/src/modules/health (issue 10). */
export const healthApi = {
  health: route('GET', '/health', { response: healthView }),
  ready: route('GET', '/ready', { response: readyView }),
  /** Prometheus text format; a bearer METRICS_TOKEN or, without one, loopback clients only (else 404). */
  metrics: route('GET', '/metrics', { response: rawResponse('text/plain; version=0.0.4') }),
};
