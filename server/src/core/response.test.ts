import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normalizeSchema, responseJsonSchema, strictResponseCheck } from './response';

const item = z.object({
  id: z.string(),
  note: z.string().nullable(),
  count: z.number().int(),
  tags: z.array(z.string()),
  owner: z.object({ name: z.string() }).nullable(),
});

describe('response schemas', () => {
  it('writes a nullable primitive or object as a type list, not anyOf', () => {
    const s = responseJsonSchema(item) as { properties: Record<string, Record<string, unknown>> };
    expect(s.properties.note).toEqual({ type: ['string', 'null'] });
    expect(s.properties.owner!.type).toEqual(['object', 'null']);
    expect(s.properties.owner!.anyOf).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain('$schema');
  });

  it('keeps a union of two real types as anyOf', () => {
    const s = normalizeSchema({ anyOf: [{ type: 'string' }, { type: 'number' }] });
    expect(s).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
  });
});

describe('the response check used in tests', () => {
  const check = strictResponseCheck();
  const good = { id: 'a', note: null, count: 2, tags: ['x'], owner: { name: '张三' } };

  it('accepts an answer its schema describes', () => {
    expect(() => check('GET /x', item, good)).not.toThrow();
  });

  it('refuses an answer of the wrong type, naming the field', () => {
    expect(() => check('GET /x', item, { ...good, count: '2' })).toThrow(/GET \/x.*count/);
  });

  it('refuses a field the schema does not declare (the serializer would drop it)', () => {
    expect(() => check('GET /x', item, { ...good, secret: 'leak' })).toThrow(/\$\.secret/);
  });

  it('refuses a nested field the schema does not declare', () => {
    expect(() => check('GET /x', item, { ...good, owner: { name: '张三', mobile: '138' } })).toThrow(
      /\$\.owner\.mobile/,
    );
  });
});
