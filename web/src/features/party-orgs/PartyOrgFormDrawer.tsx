import { useEffect } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PARTY_ORG_CHILD_TYPES,
  PARTY_ORG_TYPE_CODES,
  PARTY_ORG_TYPES,
  partyOrgCreateBody,
  partyOrgUpdateBody,
  type PartyOrgView,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { RegionPicker } from '../../components/RegionPicker';
import { parseForm, useZodRule } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLocale, useT } from '../../i18n';
import { useCreatePartyOrg, useUpdatePartyOrg } from './hooks';

const shape = partyOrgUpdateBody.shape;

export function PartyOrgFormDrawer({
  open,
  parent,
  org,
  onClose,
  onSaved,
  onReload,
}: {
  open: boolean;
  parent: PartyOrgView | null;
  org: PartyOrgView | null;
  onClose: () => void;
  onSaved: (org: PartyOrgView) => void;
  onReload: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const zodRule = useZodRule();
  const onError = useApiErrorHandler();
  const create = useCreatePartyOrg();
  const update = useUpdatePartyOrg();

  const allowed = parent ? PARTY_ORG_CHILD_TYPES[parent.type] : PARTY_ORG_TYPE_CODES;
  const types = org && !allowed.includes(org.type) ? [...allowed, org.type] : allowed;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org) {
      form.setFieldsValue({
        name: org.name,
        type: org.type,
        regionCode: org.regionCode,
        secretaryName: org.secretaryName,
        establishedOn: org.establishedOn ? dayjs(org.establishedOn) : null,
        memberCount: org.memberCount,
        note: org.note,
      });
    } else if (parent) {
      form.setFieldsValue({
        regionCode: parent.regionCode,
        type: PARTY_ORG_CHILD_TYPES[parent.type][0],
        memberCount: 0,
      });
    }
  }, [open, org, parent, form]);

  const onSave = async () => {
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    if (!ok) return;
    const raw = form.getFieldsValue(true) as Record<string, unknown> & { establishedOn?: Dayjs | null };
    const values = { ...raw, establishedOn: raw.establishedOn ? raw.establishedOn.format('YYYY-MM-DD') : null };
    const done = (saved: PartyOrgView) => {
      message.success(org ? t('common.saved') : t('partyOrgs.created'));
      onSaved(saved);
      onClose();
    };
    if (org) {
      const body = parseForm(partyOrgUpdateBody, { ...values, version: org.version }, form, locale);
      if (body)
        update.mutate(
          { id: org.id, body },
          { onSuccess: done, onError: (e) => onError(e, { form, onReload: () => (onReload(), onClose()) }) },
        );
    } else if (parent) {
      const body = parseForm(partyOrgCreateBody, { ...values, parentId: parent.id }, form, locale);
      if (body) create.mutate(body, { onSuccess: done, onError: (e) => onError(e, { form }) });
    }
  };

  return (
    <FormDrawer
      open={open}
      title={org ? t('partyOrgs.editTitle') : t('partyOrgs.createTitle', { parent: parent?.name ?? '' })}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
    >
      <Form form={form} name="partyOrg" layout="vertical">
        <Form.Item name="name" label={t('partyOrgs.name')} required rules={[zodRule(shape.name)]}>
          <Input maxLength={80} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('partyOrgs.type')} required rules={[zodRule(shape.type)]}>
              <Select options={options(PARTY_ORG_TYPES, types)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="regionCode" label={t('partyOrgs.region')} required rules={[zodRule(shape.regionCode)]}>
              <RegionPicker />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="secretaryName"
              label={t('partyOrgs.secretaryName')}
              required
              rules={[zodRule(shape.secretaryName)]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="contactPhone"
              label={t('partyOrgs.contactPhone')}
              rules={[zodRule(shape.contactPhone)]}
              extra={
                org?.contactPhoneMasked
                  ? t('partyOrgs.contactPhoneKeep', { masked: org.contactPhoneMasked })
                  : undefined
              }
            >
              <Input maxLength={11} inputMode="tel" placeholder={org?.contactPhoneMasked ?? undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="establishedOn" label={t('partyOrgs.establishedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="memberCount" label={t('partyOrgs.memberCount')} rules={[zodRule(shape.memberCount)]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('partyOrgs.note')} rules={[zodRule(shape.note)]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
