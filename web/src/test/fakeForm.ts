import { vi } from 'vitest';
import type { FormInstance } from 'antd';

/** The parts of an antd form these helpers use: messages put under fields, the field scrolled to. */
export function fakeForm(errors: { name: (string | number)[]; errors: string[] }[] = []) {
  const shown = new Map<string, string[]>(errors.map((e) => [JSON.stringify(e.name), e.errors]));
  const form = {
    setFields: vi.fn((fields: { name: string | number | (string | number)[]; errors: string[] }[]) => {
      for (const f of fields) shown.set(JSON.stringify([f.name].flat()), f.errors);
    }),
    scrollToField: vi.fn(),
    getFieldsError: () => [...shown].map(([k, e]) => ({ name: JSON.parse(k) as (string | number)[], errors: e })),
  };
  /** The message under each field that has one, by path (`milestones.0.dueDate`). */
  const messages = () =>
    Object.fromEntries(
      [...shown]
        .filter(([, e]) => e.length > 0)
        .map(([k, e]) => [(JSON.parse(k) as (string | number)[]).join('.'), e.join(' ')]),
    );
  return { form: form as unknown as FormInstance, messages, scrollToField: form.scrollToField };
}
