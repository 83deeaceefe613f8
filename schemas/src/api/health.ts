import { z } from 'zod';
import { route } from '../contract';

/** The health check: 200 with status ok, 503 with status error when the database does not answer. */
export const healthView = z.object({ status: z.enum(['ok', 'error']), db: z.enum(['sqlite', 'postgres']) });

/** The health routes (see ../contract.ts): moved here from server/src/modules/health (issue 10). */
export const healthApi = {
  health: route('GET', '/health', { response: healthView }),
};
