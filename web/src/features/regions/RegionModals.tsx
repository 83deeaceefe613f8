import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { regionCreateBody, regionUpdateBody, type RegionView } from '@touyan/schemas';
import { RegionSearchSelect } from '../../components/RegionSearchSelect';
import { useZodRule, validated } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { useCreateRegion, useMoveRegion, useRenameRegion } from './hooks';

export function RenameRegionModal({
  region,
  onClose,
  onDone,
  onReload,
}: {
  region: RegionView | null;
  onClose: () => void;
  onDone: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenameRegion();
  const zodRule = useZodRule();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (region) form.setFieldsValue({ name: region.name });
  }, [region, form]);
  const onOk = async () => {
    if (!region) return;
    const values = await validated(form);
    if (!values) return;
    const { name } = values;
    rename.mutate(
      { code: region.code, name: name.trim(), version: region.version },
      {
        onSuccess: () => (onDone(), onClose()),
        onError: (e) => onError(e, { form, onReload: () => (onReload(), onClose()) }),
      },
    );
  };
  return (
    <Modal
      open={!!region}
      title={t('regions.rename')}
      onOk={onOk}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={rename.isPending}
      forceRender
    >
      <Form form={form} name="regionRename" layout="vertical">
        <Form.Item name="name" label={t('regions.name')} required rules={[zodRule(regionUpdateBody.shape.name)]}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AddChildModal({
  parent,
  onClose,
  onDone,
}: {
  parent: RegionView | null;
  onClose: () => void;
  onDone: (code: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const create = useCreateRegion();
  const zodRule = useZodRule();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (parent) form.resetFields();
  }, [parent, form]);
  const onOk = async () => {
    if (!parent) return;
    const v = await validated(form);
    if (!v) return;
    create.mutate(
      { code: v.code.trim(), name: v.name.trim(), parentCode: parent.code },
      { onSuccess: (r) => (onDone(r.code), onClose()), onError: (e) => onError(e, { form }) },
    );
  };
  return (
    <Modal
      open={!!parent}
      title={`${t('regions.addChild')} · ${parent?.name ?? ''}`}
      onOk={onOk}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      forceRender
    >
      <Form form={form} name="regionCreate" layout="vertical">
        <Form.Item name="code" label={t('regions.code')} required rules={[zodRule(regionCreateBody.shape.code)]}>
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="name" label={t('regions.name')} required rules={[zodRule(regionCreateBody.shape.name)]}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MoveRegionModal({
  region,
  onClose,
  onDone,
  onReload,
}: {
  region: RegionView | null;
  onClose: () => void;
  onDone: (newParent: string | null) => void;
  onReload: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ parentCode: string | null }>();
  const move = useMoveRegion();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (region) form.setFieldsValue({ parentCode: region.parentCode });
  }, [region, form]);
  const onOk = async () => {
    if (!region) return;
    const values = await validated(form);
    if (!values) return;
    const { parentCode } = values;
    move.mutate(
      { code: region.code, parentCode: parentCode ?? null, version: region.version },
      {
        onSuccess: () => (onDone(parentCode ?? null), onClose()),
        onError: (e) => onError(e, { form, onReload: () => (onReload(), onClose()) }),
      },
    );
  };
  return (
    <Modal
      open={!!region}
      title={`${t('regions.move')} · ${region?.name ?? ''}`}
      onOk={onOk}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      forceRender
    >
      <Form form={form} name="regionMove" layout="vertical">
        <Form.Item name="parentCode" label={t('regions.newParent')} extra={t('regions.newParentHint')}>
          <RegionSearchSelect exclude={region?.code} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
