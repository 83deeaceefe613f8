import { useEffect, useMemo } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { ERRORS, PARTY_ORG_CHILD_TYPES, type PartyOrgView } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { validated } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLocale, useT } from '../../i18n';
import { useMovePartyOrg } from './hooks';
import { PartyOrgTreeSelect } from './PartyOrgTreeSelect';
import { subtreeIds } from './tree';

export function MovePartyOrgModal({
  org,
  all,
  onClose,
  onReload,
}: {
  org: PartyOrgView | null;
  all: PartyOrgView[];
  onClose: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string | null }>();
  const move = useMovePartyOrg();
  const onError = useApiErrorHandler();
  // The node itself and its subtree cannot be the new parent; the server refuses too (TREE_CYCLE).
  const excluded = useMemo(() => (org ? subtreeIds(all, org.id) : new Set<string>()), [org, all]);
  const self = useMemo(() => new Set(org ? [org.id] : []), [org]);
  const byId = useMemo(() => new Map(all.map((o) => [o.id, o])), [all]);
  const checkParent = async (_r: unknown, id: unknown) => {
    if (!org || typeof id !== 'string') return;
    if (excluded.has(id)) throw new Error(ERRORS.TREE_CYCLE[locale]);
    const p = byId.get(id);
    if (p && !PARTY_ORG_CHILD_TYPES[p.type].includes(org.type)) throw new Error(ERRORS.TREE_TYPE_NOT_ALLOWED[locale]);
  };

  useEffect(() => {
    if (org) form.setFieldsValue({ parentId: org.parentId });
  }, [org, form]);

  const onOk = async () => {
    if (!org) return;
    const values = await validated(form);
    if (!values) return;
    const { parentId } = values;
    if (!parentId) return;
    move.mutate(
      { id: org.id, parentId, version: org.version },
      {
        onSuccess: () => {
          message.success(t('partyOrgs.moved'));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && (e.code === 'TREE_CYCLE' || e.code === 'TREE_TYPE_NOT_ALLOWED')) {
            form.setFields([{ name: 'parentId', errors: [e.message] }]);
          } else onError(e, { form, onReload: () => (onReload(), onClose()) });
        },
      },
    );
  };

  return (
    <Modal
      open={!!org}
      title={t('partyOrgs.moveTitle', { name: org?.name ?? '' })}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      forceRender
    >
      <Alert type="info" showIcon message={t('partyOrgs.moveHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="partyOrgMove" layout="vertical">
        <Form.Item
          name="parentId"
          label={t('partyOrgs.newParent')}
          rules={[{ required: true, message: t('common.selectHint') }, { validator: checkParent }]}
        >
          <PartyOrgTreeSelect disabledIds={self} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
