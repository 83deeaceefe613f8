import { useEffect, useState } from 'react';
import { Button, Input, Select } from 'antd';
import { COVERAGE_STATUSES, HOST_ORG_TYPES, SIZE_CLASSES } from '@touyan/schemas';
import { RegionPicker } from '../../components/RegionPicker';
import { useDictOptions, useT } from '../../i18n';
import { useParks, type HostOrgFilters } from './hooks';

/** Filters above the host organisation table; every change starts again from the first page. */
export function HostOrgFiltersBar({
  value,
  onChange,
}: {
  value: HostOrgFilters;
  onChange: (f: HostOrgFilters) => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const parks = useParks();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: HostOrgFilters) => onChange({ ...value, ...patch });
  const hasAny = Object.values(value).some((v) => v !== undefined && v !== '');

  return (
    <div className="ty-filters" role="search">
      <Input.Search
        id="hostOrgSearch"
        aria-label={t('hostOrgs.search')}
        placeholder={t('hostOrgs.search')}
        allowClear
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (!e.target.value && value.q) set({ q: undefined });
        }}
        onSearch={(s) => set({ q: s.trim() || undefined })}
        enterButton
        style={{ width: 320, maxWidth: '100%' }}
      />
      <RegionPicker
        id="hostOrgFilterRegion"
        placeholder={t('hostOrgs.filter.region')}
        value={value.regionCode}
        onChange={(v) => set({ regionCode: v ?? undefined })}
        style={{ width: 200 }}
      />
      <Select
        aria-label={t('hostOrgs.filter.type')}
        placeholder={t('hostOrgs.filter.type')}
        allowClear
        value={value.type}
        onChange={(v) => set({ type: v })}
        options={options(HOST_ORG_TYPES)}
        style={{ width: 170 }}
      />
      <Select
        aria-label={t('hostOrgs.filter.size')}
        placeholder={t('hostOrgs.filter.size')}
        allowClear
        value={value.sizeClass}
        onChange={(v) => set({ sizeClass: v })}
        options={options(SIZE_CLASSES)}
        style={{ width: 120 }}
      />
      <Select
        aria-label={t('hostOrgs.filter.coverage')}
        placeholder={t('hostOrgs.filter.coverage')}
        allowClear
        value={value.coverage}
        onChange={(v) => set({ coverage: v })}
        options={options(COVERAGE_STATUSES)}
        style={{ width: 140 }}
      />
      {(parks.data?.length ?? 0) > 0 && (
        <Select
          aria-label={t('hostOrgs.filter.park')}
          placeholder={t('hostOrgs.filter.park')}
          allowClear
          showSearch
          value={value.park}
          onChange={(v?: string) => set({ park: v })}
          options={(parks.data ?? []).map((p) => ({ value: p, label: p }))}
          style={{ width: 180 }}
        />
      )}
      {hasAny && (
        <Button type="link" onClick={() => onChange({})}>
          {t('common.reset')}
        </Button>
      )}
    </div>
  );
}
