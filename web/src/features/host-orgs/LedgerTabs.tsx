import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ASSIGNMENT_KINDS,
  NOT_FORMED_REASONS,
  ORG_COVERAGE_KINDS,
  type AssignmentView,
  type CrossPostView,
  type HostOrgView,
  type PartyMemberView,
} from '@touyan/schemas';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/strings';
import {
  useAssignments,
  useCrossPosts,
  useLedgerItemMutation,
  usePartyMembers,
  useUpdateHostOrg,
  useUsersForPicker,
} from './hooks';

const none = '—';
const orNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null));
const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' };

/** 两个覆盖: organisation and work coverage, "三有", the leader contact; edited through the host-org update. */
export function CoverageTab({ org }: { org: HostOrgView }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const update = useUpdateHostOrg();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const users = useUsersForPicker(open);
  const yes = (b: boolean) => (b ? t('ledger.yes') : t('ledger.no'));

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const body = {
      ...org,
      orgCoverageKind: v.orgCoverageKind as HostOrgView['orgCoverageKind'],
      orgFormedOn: orNull(v.orgFormedOn) as string | null,
      notFormedReason: (v.notFormedReason ?? null) as HostOrgView['notFormedReason'],
      notFormedNote: orNull(v.notFormedNote) as string | null,
      liaisonName: orNull(v.liaisonName) as string | null,
      workCoveredSince: orNull(v.workCoveredSince) as string | null,
      hasFixedPremises: Boolean(v.hasFixedPremises),
      operatingNormally: Boolean(v.operatingNormally),
      leaderContactUserId: (v.leaderContactUserId ?? null) as string | null,
      assignmentReason: orNull(v.assignmentReason) as string | null,
      version: org.version,
    };
    update.mutate(
      { id: org.id, body },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          setOpen(false);
        },
        onError: (e) => onError(e, { form }),
      },
    );
  };

  return (
    <>
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="coverage-tab">
        <Descriptions.Item label={t('ledger.orgCoverageKind')}>
          {label(ORG_COVERAGE_KINDS, org.orgCoverageKind)}
        </Descriptions.Item>
        <Descriptions.Item label={t('hostOrgs.partyOrg')}>{org.partyOrgName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.orgFormedOn')}>{org.orgFormedOn ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.notFormedReason')}>
          {org.notFormedReason ? label(NOT_FORMED_REASONS, org.notFormedReason) : none}
          {org.notFormedNote ? `（${org.notFormedNote}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('hostOrgs.partyMemberCount')}>{org.partyMemberCount}</Descriptions.Item>
        <Descriptions.Item label={t('hostOrgs.instructor')}>{org.instructorName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.liaisonName')}>{org.liaisonName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.workCoveredSince')}>{org.workCoveredSince ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.hasFixedPremises')}>{yes(org.hasFixedPremises)}</Descriptions.Item>
        <Descriptions.Item label={t('hostOrgs.staffCount')}>{org.staffCount}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.operatingNormally')}>{yes(org.operatingNormally)}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.threeHas')}>
          <Space>
            <Tag color={org.threeHas ? 'blue' : 'default'}>
              {org.threeHas ? t('ledger.threeHasYes') : t('ledger.threeHasNo')}
            </Tag>
            {org.threeHas && org.orgCoverageKind === 'none' && <Tag color="red">{t('ledger.shouldForm')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('hostOrgs.specialist')}>{org.specialistName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.leaderContact')}>{org.leaderContactName ?? none}</Descriptions.Item>
      </Descriptions>
      {org.abilities.includes('update') && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => {
            form.setFieldsValue({ ...org, assignmentReason: null });
            setOpen(true);
          }}
        >
          {t('ledger.editCoverage')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('ledger.editCoverage')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="coverage">
          <Form.Item name="orgCoverageKind" label={t('ledger.orgCoverageKind')} rules={[{ required: true }]}>
            <Select
              options={Object.keys(ORG_COVERAGE_KINDS).map((k) => ({
                value: k,
                label: label(ORG_COVERAGE_KINDS, k as keyof typeof ORG_COVERAGE_KINDS),
              }))}
            />
          </Form.Item>
          <Form.Item name="orgFormedOn" label={t('ledger.orgFormedOn')} rules={[DATE]}>
            <Input placeholder={t('ledger.datePlaceholder')} />
          </Form.Item>
          <Form.Item name="notFormedReason" label={t('ledger.notFormedReason')}>
            <Select
              allowClear
              options={Object.keys(NOT_FORMED_REASONS).map((k) => ({
                value: k,
                label: label(NOT_FORMED_REASONS, k as keyof typeof NOT_FORMED_REASONS),
              }))}
            />
          </Form.Item>
          <Form.Item name="notFormedNote" label={t('ledger.notFormedNote')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="liaisonName" label={t('ledger.liaisonName')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="workCoveredSince" label={t('ledger.workCoveredSince')} rules={[DATE]}>
            <Input placeholder={t('ledger.datePlaceholder')} />
          </Form.Item>
          <Space size={24}>
            <Form.Item name="hasFixedPremises" label={t('ledger.hasFixedPremises')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="operatingNormally" label={t('ledger.operatingNormally')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="leaderContactUserId" label={t('ledger.leaderContact')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={users.isPending}
              options={[
                ...(org.leaderContactUserId
                  ? [{ value: org.leaderContactUserId, label: org.leaderContactName ?? org.leaderContactUserId }]
                  : []),
                ...(users.data ?? [])
                  .filter((u) => u.id !== org.leaderContactUserId)
                  .map((u) => ({ value: u.id, label: u.displayName })),
              ]}
            />
          </Form.Item>
          <Form.Item name="assignmentReason" label={t('ledger.assignmentReason')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface ItemField {
  name: string;
  label: MessageKey;
  required?: boolean;
  date?: boolean;
  max: number;
}
const CROSS_POST_FIELDS: ItemField[] = [
  { name: 'personName', label: 'ledger.personName', required: true, max: 40 },
  { name: 'partyPost', label: 'ledger.partyPost', required: true, max: 60 },
  { name: 'managementPost', label: 'ledger.managementPost', required: true, max: 60 },
  { name: 'since', label: 'ledger.since', required: true, date: true, max: 10 },
  { name: 'until', label: 'ledger.until', date: true, max: 10 },
];
const PARTY_MEMBER_FIELDS: ItemField[] = [
  { name: 'name', label: 'ledger.personName', required: true, max: 40 },
  { name: 'position', label: 'ledger.position', max: 60 },
  { name: 'partyPost', label: 'ledger.partyPost', max: 60 },
  { name: 'shownSince', label: 'ledger.shownSince', required: true, date: true, max: 10 },
  { name: 'note', label: 'ledger.note', max: 200 },
];

/** 交叉任职 or 亮身份党员: a table with add, edit and delete for those who may update the organisation. */
export function LedgerItemsTab({ org, kind }: { org: HostOrgView; kind: 'cross-posts' | 'party-members' }) {
  const t = useT();
  const onError = useApiErrorHandler();
  const crossPosts = useCrossPosts(org.id);
  const partyMembers = usePartyMembers(org.id);
  const list = kind === 'cross-posts' ? crossPosts : partyMembers;
  const fields = kind === 'cross-posts' ? CROSS_POST_FIELDS : PARTY_MEMBER_FIELDS;
  const mutation = useLedgerItemMutation(kind, org.id);
  const [editing, setEditing] = useState<(CrossPostView | PartyMemberView) | 'new' | null>(null);
  const [form] = Form.useForm();
  const canEdit = org.abilities.includes('update');

  type Item = CrossPostView | PartyMemberView;
  const columns: ColumnsType<Item> = [
    ...fields.map((f) => ({
      key: f.name,
      title: t(f.label),
      render: (_: unknown, r: Item) => ((r as unknown as Record<string, string | null>)[f.name] ?? none) as string,
    })),
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, r: Item) => (
              <Space>
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    form.setFieldsValue(r);
                    setEditing(r);
                  }}
                >
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('ledger.deleteConfirm')}
                  onConfirm={() => mutation.mutate({ action: 'delete', itemId: r.id }, { onError: (e) => onError(e) })}
                >
                  <Button size="small" type="link" danger>
                    {t('ledger.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const body = Object.fromEntries(fields.map((f) => [f.name, orNull(v[f.name])])) as never;
    const current = editing !== 'new' ? editing : null;
    mutation.mutate(
      { action: 'save', itemId: current?.id, version: current?.version, body },
      { onSuccess: () => setEditing(null), onError: (e) => onError(e, { form }) },
    );
  };

  return (
    <>
      {canEdit && (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          onClick={() => {
            form.resetFields();
            setEditing('new');
          }}
        >
          {t('ledger.add')}
        </Button>
      )}
      <Table<Item>
        rowKey="id"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('ledger.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={editing !== null}
        title={t(kind === 'cross-posts' ? 'ledger.tab.crossPosts' : 'ledger.tab.partyMembers')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={mutation.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name={kind}>
          {fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={t(f.label)}
              rules={[...(f.required ? [{ required: true }] : []), ...(f.date ? [DATE] : [])]}
            >
              <Input maxLength={f.max} placeholder={f.date ? t('ledger.datePlaceholder') : undefined} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}

/** 分配记录: instructors, liaisons, specialists and leader contacts over time. */
export function AssignmentsTab({ org }: { org: HostOrgView }) {
  const t = useT();
  const label = useLabel();
  const { data, isPending } = useAssignments(org.id);
  const columns: ColumnsType<AssignmentView> = [
    { key: 'kind', title: t('ledger.kind'), render: (_, r) => label(ASSIGNMENT_KINDS, r.kind) },
    { key: 'personName', title: t('ledger.personName'), dataIndex: 'personName' },
    { key: 'startedOn', title: t('ledger.startedOn'), dataIndex: 'startedOn' },
    {
      key: 'endedOn',
      title: t('ledger.endedOn'),
      render: (_, r) => r.endedOn ?? <Tag color="green">{t('ledger.current')}</Tag>,
    },
    { key: 'assignedByName', title: t('ledger.assignedBy'), render: (_, r) => r.assignedByName ?? none },
    { key: 'reason', title: t('ledger.reason'), render: (_, r) => r.reason ?? none },
  ];
  return (
    <Table<AssignmentView>
      rowKey="id"
      size="small"
      loading={isPending}
      columns={columns}
      dataSource={data ?? []}
      pagination={false}
      locale={{ emptyText: t('ledger.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
