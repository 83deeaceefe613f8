import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Divider,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import {
  compoundCreateBody,
  compoundUpdateBody,
  type CompoundCreateBody,
  type CompoundUpdateBody,
  type CompoundView,
  type RegionView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { useServerForm } from '../../components/form-kit';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { usePartyOrgTree } from '../party-orgs/hooks';
import { fetchRegion, fetchRegionChildren } from '../regions/hooks';

interface FormValues {
  name: string;
  address?: string;
  managingOrgId?: string;
  regionCode?: string;
  pilot: boolean;
  joinedOn?: dayjs.Dayjs | null;
  gates?: string[];
}

interface RegionNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}
const regionNode = (r: RegionView, root: boolean): RegionNode => ({
  id: r.code,
  pId: root ? null : r.parentCode,
  value: r.code,
  title: root ? r.fullName : r.name,
  isLeaf: !r.hasChildren,
});

/**
 * A region under `rootCode` (the managing organisation's region) or that region itself: the only
 * regions the server accepts for the compound. Levels load as they are opened.
 */
function ScopedRegionPicker({
  rootCode,
  value,
  onChange,
  id,
}: {
  rootCode: string | null;
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
}) {
  const t = useT();
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const loaded = useRef(new Set<string>());
  useEffect(() => {
    setNodes([]);
    loaded.current = new Set();
    if (!rootCode) return;
    let live = true;
    void fetchRegion(rootCode)
      .then((r) => live && setNodes([regionNode(r, true)]))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [rootCode]);
  const loadData = async (node: { value?: string | number }) => {
    const code = String(node.value);
    if (loaded.current.has(code)) return;
    loaded.current.add(code);
    const items = await fetchRegionChildren(code).catch(() => []);
    setNodes((prev) => [
      ...prev,
      ...items.filter((r) => !prev.some((n) => n.id === r.code)).map((r) => regionNode(r, false)),
    ]);
  };
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      disabled={!rootCode}
      placeholder={rootCode ? t('region.placeholder') : t('compounds.pickOrgFirst')}
      treeDefaultExpandedKeys={rootCode ? [rootCode] : []}
      data-testid="compound-region"
    />
  );
}

/** One gate: its name, renamed in place (with the compound's version). */
function GateRow({
  compound,
  gate,
  editable,
  onSaved,
}: {
  compound: CompoundView;
  gate: CompoundView['gates'][number];
  editable: boolean;
  onSaved: (c: CompoundView) => void;
}) {
  const t = useT();
  const onError = useApiErrorHandler();
  const [name, setName] = useState(gate.name);
  const rename = useMutation({
    mutationFn: () =>
      api.patch('/compounds/:id/gates/:gateId', {
        params: { id: compound.id, gateId: gate.id },
        body: { name, version: compound.version },
      }),
    onSuccess: onSaved,
    onError: (e) => onError(e),
  });
  const remove = useMutation({
    mutationFn: () => api.del('/compounds/:id/gates/:gateId', { params: { id: compound.id, gateId: gate.id } }),
    onSuccess: onSaved,
    onError: (e) => onError(e),
  });
  if (!editable) return <List.Item>{gate.name}</List.Item>;
  return (
    <List.Item
      data-testid="gate-row"
      actions={[
        <Popconfirm
          key="remove"
          title={t('compounds.removeGateConfirm', { name: gate.name })}
          onConfirm={() => remove.mutateAsync()}
        >
          <a data-testid="gate-remove">{t('compounds.removeGate')}</a>
        </Popconfirm>,
      ]}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={name}
          maxLength={30}
          onChange={(e) => setName(e.target.value)}
          aria-label={t('compounds.gateName')}
        />
        <Button
          disabled={!name.trim() || name.trim() === gate.name}
          loading={rename.isPending}
          onClick={() => rename.mutate()}
        >
          {t('compounds.rename')}
        </Button>
      </Space.Compact>
    </List.Item>
  );
}

/** Gates and guard accounts of a saved compound: each change is its own request, applied at once. */
function GatesAndGuards({ compound, onChange }: { compound: CompoundView; onChange: (c: CompoundView) => void }) {
  const t = useT();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const editable = compound.abilities.includes('update');
  const [gateName, setGateName] = useState('');
  const [userId, setUserId] = useState<string>();
  const [gateId, setGateId] = useState<string>();
  const [q, setQ] = useState('');
  // Guard accounts the caller reads (the users list is scoped on the server).
  const users = useQuery({
    queryKey: ['passes', 'guard-users', q],
    queryFn: () => api.get('/users', { query: { role: 'guard', q: q || undefined, limit: 50 } }),
    enabled: editable,
  });
  const done = (c: CompoundView) => {
    onChange(c);
    void message.success(t('compounds.saved'));
  };
  const addGate = useMutation({
    mutationFn: () => api.post('/compounds/:id/gates', { params: { id: compound.id }, body: { name: gateName } }),
    onSuccess: (c) => {
      setGateName('');
      done(c);
    },
    onError: (e) => onError(e),
  });
  const assign = useMutation({
    mutationFn: () =>
      api.post('/compounds/:id/guards', {
        params: { id: compound.id },
        body: { userId: userId!, gateId: gateId ?? null },
      }),
    onSuccess: (c) => {
      setUserId(undefined);
      setGateId(undefined);
      done(c);
    },
    onError: (e) => onError(e),
  });
  const unassign = useMutation({
    mutationFn: (uid: string) => api.del('/compounds/:id/guards/:userId', { params: { id: compound.id, userId: uid } }),
    onSuccess: done,
    onError: (e) => onError(e),
  });
  return (
    <>
      <Divider orientation="left">{t('passes.gates')}</Divider>
      <List
        size="small"
        dataSource={compound.gates}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compounds.noGates')} /> }}
        renderItem={(g) => (
          <GateRow key={`${g.id}:${g.name}`} compound={compound} gate={g} editable={editable} onSaved={done} />
        )}
      />
      {editable && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={gateName}
            maxLength={30}
            placeholder={t('compounds.newGate')}
            aria-label={t('compounds.newGate')}
            data-testid="gate-new"
            onChange={(e) => setGateName(e.target.value)}
          />
          <Button
            disabled={!gateName.trim()}
            loading={addGate.isPending}
            onClick={() => addGate.mutate()}
            data-testid="gate-add"
          >
            {t('compounds.addGate')}
          </Button>
        </Space.Compact>
      )}
      <Divider orientation="left">{t('passes.guards')}</Divider>
      <List
        size="small"
        dataSource={compound.guards}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compounds.noGuards')} /> }}
        renderItem={(g) => (
          <List.Item
            data-testid="guard-row"
            actions={
              editable
                ? [
                    <Popconfirm
                      key="remove"
                      title={t('compounds.unassignConfirm', { name: g.name })}
                      onConfirm={() => unassign.mutateAsync(g.userId)}
                    >
                      <a>{t('compounds.unassign')}</a>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            {g.name}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {g.gateName ?? t('compounds.anyGate')}
            </Typography.Text>
          </List.Item>
        )}
      />
      {editable && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            style={{ width: 220 }}
            placeholder={t('compounds.guardUser')}
            aria-label={t('compounds.guardUser')}
            data-testid="guard-user"
            value={userId}
            onChange={setUserId}
            loading={users.isFetching}
            options={(users.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName}（${u.username}）`,
            }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('compounds.anyGate')}
            aria-label={t('compounds.guardGate')}
            data-testid="guard-gate"
            value={gateId}
            onChange={setGateId}
            options={compound.gates.map((g) => ({ value: g.id, label: g.name }))}
          />
          <Button
            type="primary"
            ghost
            disabled={!userId}
            loading={assign.isPending}
            onClick={() => assign.mutate()}
            data-testid="guard-assign"
          >
            {t('compounds.assign')}
          </Button>
        </Space>
      )}
    </>
  );
}

/**
 * A compound in a drawer: new (name, address, managing organisation, region under it, pilot, the
 * first gates) or edited (the same but the organisation and region, which stay; then its gates and
 * guard accounts, changed one at a time).
 */
export function CompoundDrawer({
  open,
  compound,
  onClose,
}: {
  open: boolean;
  compound: CompoundView | null;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const [current, setCurrent] = useState<CompoundView | null>(compound);
  const orgs = usePartyOrgTree(open);
  useEffect(() => setCurrent(compound), [compound, open]);
  const editing = current !== null;
  const changed = (c: CompoundView) => {
    setCurrent(c);
    void qc.invalidateQueries({ queryKey: ['passes', 'compounds'] });
  };
  const { form, submit, submitting } = useServerForm({
    schema: current ? compoundUpdateBody : compoundCreateBody,
    toBody: (v: FormValues) => {
      const common = {
        name: v.name,
        address: v.address?.trim() || null,
        pilot: v.pilot,
        joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : null,
      };
      return current
        ? { ...common, version: current.version }
        : {
            ...common,
            managingOrgId: v.managingOrgId,
            regionCode: v.regionCode,
            gates: (v.gates ?? []).map((g) => g.trim()).filter(Boolean),
          };
    },
    send: (body: CompoundCreateBody | CompoundUpdateBody) =>
      current
        ? api.patch('/compounds/:id', { params: { id: current.id }, body: body as CompoundUpdateBody })
        : api.post('/compounds', { body: body as CompoundCreateBody }),
    success: t('compounds.saved'),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['passes', 'compounds'] });
      // A new compound stays open: its gates and guards come next.
      if (current) onClose();
      else setCurrent(saved);
    },
    onReload: () => {
      void qc.invalidateQueries({ queryKey: ['passes', 'compounds'] });
      onClose();
    },
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      compound
        ? {
            name: compound.name,
            address: compound.address ?? undefined,
            pilot: compound.pilot,
            joinedOn: compound.joinedOn ? dayjs(compound.joinedOn) : null,
          }
        : { pilot: true, joinedOn: dayjs(), gates: [] },
    );
  }, [open, compound, form]);
  const orgId = Form.useWatch('managingOrgId', form);
  const rootCode = useMemo(() => orgs.data?.find((o) => o.id === orgId)?.regionCode ?? null, [orgs.data, orgId]);
  return (
    <FormDrawer
      open={open}
      title={current ? current.name : t('compounds.create')}
      onClose={onClose}
      onSave={() => void submit()}
      saving={submitting}
      width={600}
    >
      <Form
        form={form}
        name="compound"
        layout="vertical"
        requiredMark="optional"
        data-testid="compound-form"
        // Another managing organisation: the region must be chosen again under it.
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('managingOrgId' in changed) form.setFieldsValue({ regionCode: undefined });
        }}
      >
        <Form.Item name="name" label={t('passes.compound')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} data-testid="compound-name" />
        </Form.Item>
        <Form.Item name="address" label={t('compounds.address')}>
          <Input maxLength={200} />
        </Form.Item>
        {editing ? (
          <Typography.Paragraph type="secondary" data-testid="compound-org">
            {t('passes.managingOrg')}：{current.managingOrgName} · {current.regionName}
          </Typography.Paragraph>
        ) : (
          <>
            <Form.Item name="managingOrgId" label={t('passes.managingOrg')} rules={[{ required: true }]}>
              <PartyOrgTreeSelect />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('passes.region')}
              rules={[{ required: true }]}
              extra={t('compounds.regionHint')}
            >
              <ScopedRegionPicker rootCode={rootCode} />
            </Form.Item>
          </>
        )}
        <Space size="large" wrap>
          <Form.Item name="pilot" label={t('passes.pilot')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="joinedOn" label={t('passes.joinedOn')}>
            <DatePicker allowClear />
          </Form.Item>
        </Space>
        {!editing && (
          <Form.Item name="gates" label={t('passes.gates')} extra={t('compounds.gatesHint')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} data-testid="compound-gates" />
          </Form.Item>
        )}
      </Form>
      {current && <GatesAndGuards compound={current} onChange={changed} />}
    </FormDrawer>
  );
}
