import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { regionKeys, searchRegions, useRegion } from '../features/regions/hooks';
import { useT } from '../i18n';

/**
 * Picks a region by typing its name or 6-digit code (server-side search). Named like RegionPicker:
 * `aria-label`, else a `placeholder` given, else the Form.Item label through `id`.
 */
export function RegionSearchSelect({
  value,
  onChange,
  placeholder,
  exclude,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  exclude?: string;
  id?: string;
  'aria-label'?: string;
}) {
  const t = useT();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useQuery({
    queryKey: regionKeys.search(q),
    queryFn: () => searchRegions(q),
    enabled: q !== '',
  });
  // The current value's label comes from the record itself until a search lists it.
  const current = useRegion(value ?? null);
  const list = [...(data ?? [])];
  if (current.data && !list.some((r) => r.code === current.data.code)) list.unshift(current.data);
  const options = list
    .filter((r) => r.code !== exclude)
    .map((r) => ({ value: r.code, label: `${r.fullName}（${r.code}）` }));
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder={placeholder ?? t('regions.searchPlaceholder')}
      aria-label={ariaLabel ?? placeholder}
      filterOption={false}
      onSearch={setInput}
      onChange={(v?: string) => onChange?.(v ?? null)}
      loading={isFetching}
      notFoundContent={q ? t('regions.noResults') : null}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
