import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useT } from '../../i18n';

/** Search select over users (needs user.read). */
export function UserPicker({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['users', 'picker', q],
    queryFn: () => api.get('/users', { query: { q: q || undefined, limit: 20 } }).then((p) => p.items),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      aria-label={t('audit.userFilter')}
      placeholder={t('audit.userFilter')}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={(v?: string) => onChange(v)}
      loading={isFetching}
      options={(data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
      style={{ width: 200 }}
    />
  );
}
