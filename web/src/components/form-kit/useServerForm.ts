import { useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import type { ZodType } from 'zod';
import { useLocale } from '../../i18n';
import { parseForm, useZodRule, validated } from '../forms';
import { useApiErrorHandler } from '../useApiErrorHandler';

/** How the form's values become the request body. */
type BodyOptions<V, B, T> =
  | {
      /** The server's Zod schema: the input is checked with it and its messages go under the fields. */
      schema: ZodType<B>;
      /** The request input from the form's values (before the schema parses it). */
      toBody: (values: V, target: T) => Record<string, unknown>;
    }
  | {
      schema?: undefined;
      /** The request body from the form's values (the server checks it; its field errors come back). */
      toBody: (values: V, target: T) => B;
    };

export type ServerFormOptions<V, B, R, T> = BodyOptions<V, B, T> & {
  /**
   * The record the form acts on (a milestone, a report …). While it is null nothing is open and
   * submitting does nothing; forms that act on no record leave it out.
   */
  target?: T | null;
  /** Sends the body (usually a mutation's `mutateAsync`). */
  send: (body: B, target: T) => Promise<R>;
  /** The toast shown once the server accepted the write. */
  success?: string | ((result: R) => string);
  /** After the success toast: close the drawer, reset the form … */
  onSuccess?: (result: R) => void;
  /** Offered on a 409 VERSION_CONFLICT ("reload the latest"); without it the dialog only informs. */
  onReload?: () => void;
  /** Read every value the form holds, also of fields not rendered (`getFieldsValue(true)`). */
  allFields?: boolean;
  /** When the schema refuses the input (its messages are already under the fields). */
  onInvalid?: (form: FormInstance<V>) => void;
};

/**
 * The scaffolding every form that writes to the API repeats: the antd Form instance, a submitting
 * flag, the form's own rules, the body checked with the server's Zod schema, the write, the success
 * toast, and the server's answer on failure (field messages under the fields, a version conflict as
 * a dialog offering to reload, anything else as a toast).
 */
export function useServerForm<V, B, R, T = undefined>(options: ServerFormOptions<V, B, R, T>) {
  const [form] = Form.useForm<V>();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const zodRule = useZodRule();
  const [submitting, setSubmitting] = useState(false);

  const submit = async (): Promise<void> => {
    const { target } = options;
    if (target === null || !(await validated(form))) return;
    const record = target as T;
    const values = (options.allFields ? form.getFieldsValue(true) : form.getFieldsValue()) as V;
    let body: B | null;
    if (options.schema) {
      body = parseForm(options.schema, options.toBody(values, record), form, locale);
      if (!body) {
        options.onInvalid?.(form);
        return;
      }
    } else {
      body = options.toBody(values, record);
    }
    setSubmitting(true);
    try {
      const result = await options.send(body, record);
      const { success } = options;
      if (success) message.success(typeof success === 'function' ? success(result) : success);
      options.onSuccess?.(result);
    } catch (e) {
      onError(e, { form, onReload: options.onReload });
    } finally {
      setSubmitting(false);
    }
  };

  return { form, submit, submitting, zodRule };
}
