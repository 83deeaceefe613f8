import { useEffect, useState } from 'react';
import { Form } from 'antd';
import { hostOrgCreateBody, hostOrgUpdateBody, type HostOrgView } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLocale, useT } from '../../i18n';
import { HostOrgFormFields } from './HostOrgFormFields';
import { fetchHostOrg, useCreateHostOrg, useUpdateHostOrg } from './hooks';

const FIELDS = [
  'name',
  'creditCode',
  'type',
  'industry',
  'sizeClass',
  'regionCode',
  'park',
  'address',
  'staffCount',
  'partyMemberCount',
  'managingOrgId',
  'partyOrgId',
  'instructorId',
  'specialistUserId',
] as const;

function toFormValues(org: HostOrgView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) out[k] = org[k];
  return out;
}

/** Create (no `org`) or edit a host organisation; validates with the server's Zod schema. */
export function HostOrgFormDrawer({
  open,
  org,
  onClose,
  onSaved,
}: {
  open: boolean;
  org: HostOrgView | null;
  onClose: () => void;
  onSaved?: (saved: HostOrgView, wasNew: boolean) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const create = useCreateHostOrg();
  const update = useUpdateHostOrg();
  const [current, setCurrent] = useState<HostOrgView | null>(org);

  useEffect(() => {
    if (open) setCurrent(org);
  }, [open, org]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (current) form.setFieldsValue(toFormValues(current));
  }, [open, current, form]);

  const reload = () => {
    if (!current) return;
    fetchHostOrg(current.id).then(setCurrent, (e: unknown) => onError(e));
  };

  const handleError = (e: unknown) => {
    if (isApiError(e) && (e.code === 'CREDIT_CODE_INVALID' || e.code === 'CREDIT_CODE_DUPLICATE') && !e.fields) {
      form.setFields([{ name: 'creditCode', errors: [e.message] }]);
    }
    onError(e, { form, onReload: reload });
  };

  const onSave = async () => {
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    if (!ok) return;
    // All values, including those of fields this user does not see (kept from the record).
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const done = (saved: HostOrgView) => {
      onSaved?.(saved, !current);
      onClose();
    };
    if (current) {
      const body = parseForm(hostOrgUpdateBody, { ...values, version: current.version }, form, locale);
      if (body) update.mutate({ id: current.id, body }, { onSuccess: done, onError: handleError });
    } else {
      const body = parseForm(hostOrgCreateBody, values, form, locale);
      if (body) create.mutate(body, { onSuccess: done, onError: handleError });
    }
  };

  return (
    <FormDrawer
      open={open}
      title={current ? t('hostOrgs.editTitle') : t('hostOrgs.createTitle')}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
      width={720}
    >
      <Form form={form} name="hostOrg" layout="vertical" scrollToFirstError>
        <HostOrgFormFields />
      </Form>
    </FormDrawer>
  );
}
