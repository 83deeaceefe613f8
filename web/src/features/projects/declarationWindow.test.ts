import { describe, expect, it } from 'vitest';
import { declarationWindowState } from './declarationForm';

const campaign = (windowOpen: boolean, status = 'published') => ({
  windowOpen,
  status,
  declareFrom: '2026-11-25',
  declareTo: '2026-12-25',
});

describe('declarationWindowState', () => {
  it('is open when the server says the window is open, whatever the browser’s date', () => {
    expect(declarationWindowState(campaign(true), '2027-03-01')).toBe('open');
  });
  it('says a shut window has not opened yet before its first day, and has closed after its last', () => {
    expect(declarationWindowState(campaign(false), '2026-11-24')).toBe('not_yet');
    expect(declarationWindowState(campaign(false), '2026-12-26')).toBe('closed');
  });
  it('says a campaign that is no longer published has ended', () => {
    expect(declarationWindowState(campaign(false, 'closed'), '2026-12-01')).toBe('ended');
  });
  it('falls back to "outside" when the server and the browser disagree about today', () => {
    expect(declarationWindowState(campaign(false), '2026-12-01')).toBe('outside');
  });
});
