import type { DemandView } from '@touyan/schemas';

/** The tag colour of each demand status (table, cards and drawer). */
export const STATUS_COLORS: Record<DemandView['status'], string> = {
  received: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  returned: 'orange',
  closed: 'default',
};
