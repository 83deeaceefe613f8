import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorSchema, msg } from '@touyan/schemas';
import { AppError } from './errors';
import { inputProblems, MAX_INPUT_DEPTH, parseInput, textProblem } from './validation';

const body = z.object({
  title: z.string().max(80),
  tags: z.array(z.string()).optional(),
  meta: z.unknown().optional(),
});

function fieldsOf(fn: () => unknown): Record<string, string> | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    return (e as AppError).fields;
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('text rule: control characters', () => {
  it('accepts ordinary text, tab, line feed and CRLF line ends', () => {
    for (const s of ['', '书记项目', 'a\tb', '第一行\n第二行', 'line\r\nline', 'emoji 😀', '\u00a0nbsp', '\u2028']) {
      expect(textProblem(s), JSON.stringify(s)).toBeNull();
    }
  });

  it('refuses NUL and the other C0 controls, DEL, C1 controls and a CR that is not part of CRLF', () => {
    for (const s of [
      'a\u0000b',
      '\u0001',
      'esc\u001b[31m',
      '\u000b',
      '\u000c',
      'del\u007f',
      '\u0080',
      'nel\u0085',
      '\u009f',
      'a\rb',
      'end\r',
    ]) {
      expect(textProblem(s), JSON.stringify(s)).toBe('control_chars');
    }
  });

  it('refuses lone surrogates but not surrogate pairs', () => {
    expect(textProblem('a\ud800b')).toBe('invalid_chars');
    expect(textProblem('\udc00')).toBe('invalid_chars');
    expect(textProblem('x\ud83d')).toBe('invalid_chars');
    expect(textProblem('\ud83d\ude00')).toBeNull();
  });
});

describe('parseInput', () => {
  it('parses valid input with the schema', () => {
    expect(parseInput(body, { title: '标题\n说明', meta: { a: ['x'] } })).toEqual({
      title: '标题\n说明',
      meta: { a: ['x'] },
    });
  });

  it('names the field holding a control character, before the schema runs', () => {
    expect(fieldsOf(() => parseInput(body, { title: 'a\u0000b' }))).toEqual({ title: 'control_chars' });
    expect(fieldsOf(() => parseInput(body, { title: 'ok', tags: ['fine', 'bad\u001b'] }))).toEqual({
      'tags.1': 'control_chars',
    });
  });

  it('looks at every depth, in fields the schema does not know and in object keys', () => {
    expect(fieldsOf(() => parseInput(body, { title: 'ok', meta: { deep: [{ x: '\u0007' }] } }))).toEqual({
      'meta.deep.0.x': 'control_chars',
    });
    expect(fieldsOf(() => parseInput(body, { title: 'ok', unknown: '\u0000' }))).toEqual({ unknown: 'control_chars' });
    expect(fieldsOf(() => parseInput(body, { title: 'ok', meta: { 'k\u0000': 1 } }))).toEqual({
      'meta.k\ufffd': 'control_chars',
    });
  });

  it('refuses a lone surrogate with its own message', () => {
    expect(fieldsOf(() => parseInput(body, JSON.parse('{"title":"a\\ud800"}')))).toEqual({ title: 'invalid_chars' });
  });

  it('checks query strings and path parameters the same way (arrays from repeated keys too)', () => {
    const q = z.object({ q: z.string().optional() });
    expect(fieldsOf(() => parseInput(q, { q: ['a', '\u0000'] }))).toEqual({ 'q.1': 'control_chars' });
    expect(fieldsOf(() => parseInput(z.object({ id: z.string() }), { id: '\u0000abc' }))).toEqual({
      id: 'control_chars',
    });
  });

  it('refuses nesting deeper than the limit without exhausting the stack (10 000 nested arrays)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(fieldsOf(() => parseInput(body, { title: 'ok', meta: deep }))).toEqual({ meta: 'too_deep' });
    expect(fieldsOf(() => parseInput(body, deep))).toEqual({ '0': 'too_deep' });
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 2; i++) ok = { a: ok };
    expect(inputProblems({ meta: ok })).toEqual({});
  });

  it('reports schema failures as field messages', () => {
    expect(fieldsOf(() => parseInput(body, { title: 'x'.repeat(81) }))).toEqual({ title: 'too_long' });
    expect(fieldsOf(() => parseInput(body, {}))).toEqual({ title: 'required' });
  });

  it('calls a value of the wrong type invalid, not missing, naming its path', () => {
    const scores = z.object({ scores: z.object({ a: z.number(msg('required')), b: z.number() }) });
    expect(fieldsOf(() => parseInput(scores, { scores: { a: '15', b: 3 } }))).toEqual({ 'scores.a': 'invalid' });
    expect(fieldsOf(() => parseInput(scores, { scores: { a: 1, b: '15' } }))).toEqual({ 'scores.b': 'invalid' });
    expect(fieldsOf(() => parseInput(scores, { scores: { b: 3 } }))).toEqual({ 'scores.a': 'required' });
    expect(fieldsOf(() => parseInput(scores, { scores: { a: null, b: 3 } }))).toEqual({ 'scores.a': 'required' });
    expect(fieldsOf(() => parseInput(body, { title: 15 }))).toEqual({ title: 'invalid' });
  });

  it('names each unknown key by its own path', () => {
    const strict = z.object({ scores: z.strictObject({ a: z.number() }) });
    expect(fieldsOf(() => parseInput(strict, { scores: { a: 1, bonus: 5, extra: 1 } }))).toEqual({
      'scores.bonus': 'unknown_item',
      'scores.extra': 'unknown_item',
    });
  });
});

describe('page cursors', () => {
  it('accepts the cursors lists hand out and refuses anything else', () => {
    expect(cursorSchema.safeParse('01JABCDEFGHJKMNPQRSTVWXYZ0').success).toBe(true);
    expect(cursorSchema.safeParse('87.5|01JABCDEFGHJKMNPQRSTVWXYZ0').success).toBe(true);
    expect(cursorSchema.safeParse('0.30000000000000004|01JABCDEFGHJKMNPQRSTVWXYZ0').success).toBe(true);
    expect(cursorSchema.safeParse(undefined).success).toBe(true);
    for (const bad of ['', 'abc', 'zzz|', '|01JABCDEFGHJKMNPQRSTVWXYZ0', "' or 1=1 --", '../../etc', 'x'.repeat(41)]) {
      expect(cursorSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
