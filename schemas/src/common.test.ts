import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { msg, requiredNumber } from './common';
import { hostOrgCreateBody } from './host-orgs';

const count = z.object({ n: requiredNumber((n) => n.int(msg('invalid')).min(0, msg('too_small'))) });
const messageOf = (input: unknown) => {
  const r = count.safeParse({ n: input });
  return r.success ? r.data.n : r.error.issues[0]!.message;
};

describe('requiredNumber: a cleared number field is missing (必填), not malformed (格式不正确)', () => {
  it.each([
    ['undefined (a form’s cleared field)', undefined],
    ['null (a cleared InputNumber, or JSON null)', null],
    ['an empty string', ''],
    ['blanks', '  '],
  ])('answers `required` for %s', (_what, input) => {
    expect(messageOf(input)).toBe('required');
  });

  it('reads numbers and numeric strings, and refuses text and out-of-bounds values with their own words', () => {
    expect(messageOf(12)).toBe(12);
    expect(messageOf(' 12 ')).toBe(12);
    expect(messageOf('十二')).toBe('invalid');
    expect(messageOf(1.5)).toBe('invalid');
    expect(messageOf(-1)).toBe('too_small');
    expect(messageOf(0)).toBe(0);
  });

  it('no longer reads an empty staff count as 0 in a host organisation', () => {
    const shape = hostOrgCreateBody.shape;
    expect(shape.staffCount.safeParse('').error?.issues[0]?.message).toBe('required');
    expect(shape.staffCount.safeParse(null).error?.issues[0]?.message).toBe('required');
    expect(shape.partyMemberCount.safeParse(undefined).error?.issues[0]?.message).toBe('required');
  });
});
