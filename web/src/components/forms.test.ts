import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hostOrgCreateBody, msg } from '@touyan/schemas';
import { ApiError } from '../api/client';
import { fakeForm } from '../test/fakeForm';
import { applyServerFieldErrors, normalizeValues, parseForm } from './forms';

describe('form messages from the shared schemas and from the server', () => {
  it('says 必填 for an emptied input and the schema’s own words otherwise', () => {
    const { form, messages } = fakeForm();
    const schema = hostOrgCreateBody.pick({ name: true, creditCode: true, regionCode: true });
    expect(parseForm(schema, { name: '  ', creditCode: '123', regionCode: null }, form, 'zh-CN')).toBeNull();
    expect(messages()).toEqual({
      name: '必填',
      regionCode: '必填',
      creditCode: '统一社会信用代码应为18位',
    });
  });

  it('says 必填, not 格式不正确, for a cleared required number (a cleared InputNumber gives null)', () => {
    const { form, messages } = fakeForm();
    const schema = hostOrgCreateBody.pick({ staffCount: true, partyMemberCount: true });
    expect(parseForm(schema, { staffCount: null, partyMemberCount: 'abc' }, form, 'zh-CN')).toBeNull();
    expect(messages()).toEqual({ staffCount: '必填', partyMemberCount: '格式不正确' });
    expect(parseForm(schema, { staffCount: 12, partyMemberCount: '3' }, fakeForm().form, 'zh-CN')).toEqual({
      staffCount: 12,
      partyMemberCount: 3,
    });
  });

  it('answers in English for an English user, and gives the parsed body when all is well', () => {
    const { form, messages } = fakeForm();
    const schema = z.object({ title: z.string().min(1, msg('required')), n: z.coerce.number() });
    expect(parseForm(schema, { title: '', n: '2' }, form, 'en')).toBeNull();
    expect(messages()).toEqual({ title: 'Required' });
    expect(parseForm(schema, { title: 'x', n: '2' }, fakeForm().form, 'en')).toEqual({ title: 'x', n: 2 });
  });

  it('puts the server’s field messages under the fields, list rows included, translating known keys', () => {
    const { form, messages } = fakeForm();
    const error = new ApiError(400, 'VALIDATION_FAILED', '输入有误', { name: 'too_long', 'rows.2.code': '编码重复' });
    expect(applyServerFieldErrors(form, error)).toBe(true);
    expect(messages()).toEqual({ name: '内容过长', 'rows.2.code': '编码重复' });
    expect(applyServerFieldErrors(form, new ApiError(409, 'VERSION_CONFLICT', '已被修改'))).toBe(false);
    expect(applyServerFieldErrors(form, new Error('network'))).toBe(false);
  });

  it('treats empty strings and null as not given', () => {
    expect(normalizeValues({ a: '', b: null, c: 0, d: 'x' })).toEqual({ a: undefined, b: undefined, c: 0, d: 'x' });
  });
});
