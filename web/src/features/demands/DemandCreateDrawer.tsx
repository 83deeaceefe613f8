import { App, Button, Drawer, Form, Input, Select } from 'antd';
import { DEMAND_CATEGORIES, type DemandCategory, type DemandDetailView } from '@touyan/schemas';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useIsMobile } from '../../components/useIsMobile';
import { useDictOptions, useT } from '../../i18n';
import { useCreateDemand } from './hooks';

interface Values {
  hostOrgId: string;
  category: DemandCategory;
  title: string;
  description: string;
}

/**
 * 提交诉求: an enterprise contact raises a demand for their own firm (one of the firms their contact
 * role is bound to; the server checks it again). Routed by the routing table like any other.
 */
export function DemandCreateDrawer({
  open,
  firms,
  onClose,
  onSaved,
}: {
  open: boolean;
  firms: { id: string; name: string }[];
  onClose: () => void;
  onSaved: (d: DemandDetailView) => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreateDemand();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { ...v, source: 'contact', amountAskedFen: null, visitId: null, leadDepartmentId: null, assistDepartmentIds: [] },
      {
        onSuccess: (d) => {
          message.success(t('demands.created'));
          form.resetFields();
          onClose();
          onSaved(d);
        },
        onError: (e) => onError(e, { form }),
      },
    );
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={mobile ? '100%' : 520}
      title={t('demands.create')}
      destroyOnHidden
      footer={
        <Button
          type="primary"
          size="large"
          block
          loading={create.isPending}
          onClick={() => void submit()}
          data-testid="demand-create-submit"
        >
          {t('demands.submit')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ hostOrgId: firms[0]?.id }}>
        <Form.Item name="hostOrgId" label={t('demands.firm')} rules={[{ required: true }]} hidden={firms.length < 2}>
          <Select size="large" options={firms.map((f) => ({ value: f.id, label: f.name }))} />
        </Form.Item>
        <Form.Item name="category" label={t('demands.category')} rules={[{ required: true }]}>
          <Select size="large" options={options(DEMAND_CATEGORIES)} />
        </Form.Item>
        <Form.Item name="title" label={t('demands.titleField')} rules={[{ required: true, whitespace: true }]}>
          <Input size="large" maxLength={80} />
        </Form.Item>
        <Form.Item name="description" label={t('demands.description')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={5} maxLength={3000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
