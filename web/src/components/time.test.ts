import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './time';

describe('dates and times as the user reads them, in Beijing time', () => {
  it('shows an instant as its Beijing date and time, whatever the browser’s zone', () => {
    expect(formatDateTime('2025-03-31T16:05:00.000Z')).toBe('2025-04-01 00:05');
    expect(formatDate('2025-03-31T16:05:00.000Z')).toBe('2025-04-01');
  });

  it('keeps a calendar date as given and shows nothing for no value', () => {
    expect(formatDate('2025-09-28')).toBe('2025-09-28');
    expect(formatDate(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });
});
