import { useState } from 'react';
import { Form, Select } from 'antd';
import { GRANTABLE_BY_STAFF, HOST_ORG_BOUND_ROLES, ROLE_CODES, ROLES, type Role } from '@touyan/schemas';
import { useDictOptions, useT } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { useHostOrgSearch } from '../host-orgs/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';

/** Search select of host organisations (for enterprise contact / employer roles). */
export function HostOrgSelect({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useHostOrgSearch(q);
  return (
    <Select
      id={id}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={isFetching}
      placeholder={t('common.selectHint')}
      options={(data ?? []).map((h) => ({ value: h.id, label: h.name }))}
    />
  );
}

/** The roles this user may hand out: admins all, others never admin. */
export function useGrantableRoles(): readonly Role[] {
  const me = useCurrentUser();
  return me.roles.some((r) => r.role === 'admin') ? ROLE_CODES : GRANTABLE_BY_STAFF;
}

/**
 * role + orgId (+ hostOrgId for contact/employer) fields. Inside a Form.List, `prefix` is the item's
 * relative name and `absolute` its full path (for watching the chosen role).
 */
export function RoleBindingFields({
  prefix = [],
  absolute = prefix,
}: {
  prefix?: (string | number)[];
  absolute?: (string | number)[];
}) {
  const t = useT();
  const options = useDictOptions();
  const grantable = useGrantableRoles();
  const form = Form.useFormInstance();
  const role = Form.useWatch([...absolute, 'role'], form) as Role | undefined;
  const needsHostOrg = !!role && HOST_ORG_BOUND_ROLES.includes(role);
  return (
    <>
      <Form.Item
        name={[...prefix, 'role']}
        label={t('users.role')}
        rules={[{ required: true, message: t('common.selectHint') }]}
      >
        <Select options={options(ROLES, grantable)} placeholder={t('common.selectHint')} />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'orgId']}
        label={t('users.org')}
        rules={[{ required: true, message: t('common.selectHint') }]}
      >
        <PartyOrgTreeSelect />
      </Form.Item>
      {needsHostOrg && (
        <Form.Item
          name={[...prefix, 'hostOrgId']}
          label={t('users.hostOrg')}
          extra={t('users.hostOrgHint')}
          rules={[{ required: true, message: t('common.selectHint') }]}
        >
          <HostOrgSelect />
        </Form.Item>
      )}
    </>
  );
}
