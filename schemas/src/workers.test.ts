import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, maskMobile } from './codes';
import { WORKER_STATUS_CODES, WORKER_TRANSITIONS, idNumberSchema, workerTransition, type WorkerEvent } from './workers';

describe('worker ID numbers (GB 11643)', () => {
  const prefix = '32020619900307123';
  const good = prefix + idNumberCheckChar(prefix)!;
  it('accepts a valid number, upper-casing a final x', () => {
    expect(idNumberSchema.safeParse(good).success).toBe(true);
    expect(idNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
  });
  it('refuses a wrong check character, a wrong date and a wrong length', () => {
    const wrong = prefix + (good[17] === '1' ? '2' : '1');
    for (const v of [wrong, '320206199002301234', good.slice(0, 17), `${good}1`]) {
      const r = idNumberSchema.safeParse(v);
      expect(r.success, v).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('id_number');
    }
  });
  it('masks an ID number to its first four and last four characters, a mobile to 3 + 4', () => {
    expect(maskIdNumber(good)).toBe(`3202**********${good.slice(14)}`);
    expect(maskIdNumber(good)).not.toContain('19900307');
    expect(maskMobile('13912345678')).toBe('139****5678');
  });
});

describe('the worker state machine', () => {
  it('allows exactly the transitions of the table', () => {
    const allowed: Record<string, string> = {
      'pending verify': 'verified',
      'pending reject': 'rejected',
      'rejected resubmit': 'pending',
      'verified disable': 'disabled',
      'disabled verify': 'verified',
    };
    for (const s of WORKER_STATUS_CODES)
      for (const e of Object.keys(WORKER_TRANSITIONS) as WorkerEvent[])
        expect(workerTransition(s, e), `${s} ${e}`).toBe(allowed[`${s} ${e}`] ?? null);
  });
});
