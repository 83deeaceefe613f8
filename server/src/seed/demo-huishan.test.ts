import { describe, expect, it } from 'vitest';
import { addDays, quarterDueDate, quarterOf } from '@touyan/schemas';
import { huishanApprovalDate } from './demo-huishan';

describe('the day 惠山’s demo project is approved', () => {
  it('lies 10 to 21 days before the day of loading, and no quarterly report of the project is overdue on it', () => {
    for (let day = '2026-01-01'; day <= '2027-12-31'; day = addDays(day, 1)) {
      const approved = huishanApprovalDate(day);
      expect(approved <= addDays(day, -10), `${day} → ${approved}`).toBe(true);
      expect(approved >= addDays(day, -21), `${day} → ${approved}`).toBe(true);
      // The first report falls due 10 days after the quarter of approval: never before the day of loading.
      expect(quarterDueDate(quarterOf(approved)) >= day, `${day} → ${approved}`).toBe(true);
    }
  });
});
