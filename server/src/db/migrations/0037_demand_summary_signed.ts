import type { Kysely } from 'kysely';
import type { PortableMigration } from '../portability';
import { rebuildDemandSummary } from '../dashboard-summaries';

/**
 * `demand_daily_stats` keyed more coarsely (issue 15): a signed demand's sign-off date no longer
 * splits the summary's rows (only an unsigned demand needs it: whether its date has passed depends
 * on the day the figure is read). The definition lives in `demandSummarySelect`; this refills the
 * summary with it, as a change of definition must.
 */
export const demandSummarySigned: PortableMigration = {
  async up(db: Kysely<unknown>) {
    await rebuildDemandSummary(db);
  },
  async down(db: Kysely<unknown>) {
    // The previous definition is gone from the code; the rows stay valid sums under either key.
    await rebuildDemandSummary(db);
  },
};
