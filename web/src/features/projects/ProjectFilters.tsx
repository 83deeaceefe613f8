import { useEffect, useState } from 'react';
import { Button, Input, Select, Switch } from 'antd';
import { PROJECT_RATINGS, PROJECT_STATUSES, TARGET_GROUPS } from '@touyan/schemas';
import { RegionPicker } from '../../components/RegionPicker';
import { useDictOptions, useT } from '../../i18n';
import { useCampaignOptions, type ProjectFilters } from './hooks';

/** Filters above the project table; every change starts again from the first page. */
export function ProjectFiltersBar({
  value,
  onChange,
}: {
  value: ProjectFilters;
  onChange: (f: ProjectFilters) => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const campaigns = useCampaignOptions();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: ProjectFilters) => onChange({ ...value, ...patch });
  const hasAny = Object.values(value).some((v) => v !== undefined && v !== '');
  const campaign = campaigns.data?.find((c) => c.id === value.campaignId);
  // Themes of the chosen campaign, or of every campaign (by code) when none is chosen.
  const themes = campaign
    ? campaign.themes
    : [...new Map((campaigns.data ?? []).flatMap((c) => c.themes).map((th) => [th.code, th])).values()];

  return (
    <div className="ty-filters" role="search">
      <Input.Search
        id="projectSearch"
        aria-label={t('projects.filter.q')}
        placeholder={t('projects.filter.q')}
        allowClear
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (!e.target.value && value.q) set({ q: undefined });
        }}
        onSearch={(s) => set({ q: s.trim() || undefined })}
        enterButton
        style={{ width: 280, maxWidth: '100%' }}
      />
      <Select
        id="projectFilterCampaign"
        aria-label={t('projects.filter.campaign')}
        placeholder={t('projects.filter.campaign')}
        allowClear
        showSearch
        optionFilterProp="label"
        loading={campaigns.isPending}
        value={campaigns.data ? value.campaignId : undefined}
        onChange={(v?: string) => set({ campaignId: v, theme: undefined })}
        options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        popupMatchSelectWidth={false}
        style={{ width: 220 }}
      />
      <Select
        id="projectFilterTheme"
        aria-label={t('projects.filter.theme')}
        placeholder={t('projects.filter.theme')}
        allowClear
        loading={campaigns.isPending}
        value={campaigns.data ? value.theme : undefined}
        onChange={(v?: string) => set({ theme: v })}
        options={themes.map((th) => ({ value: th.code, label: th.name }))}
        popupMatchSelectWidth={false}
        style={{ width: 200 }}
      />
      <RegionPicker
        id="projectFilterRegion"
        placeholder={t('projects.filter.region')}
        value={value.regionCode}
        onChange={(v) => set({ regionCode: v ?? undefined })}
        style={{ width: 180 }}
      />
      <Select
        id="projectFilterStatus"
        aria-label={t('projects.filter.status')}
        placeholder={t('projects.filter.status')}
        allowClear
        value={value.status}
        onChange={(v) => set({ status: v })}
        options={options(PROJECT_STATUSES)}
        popupMatchSelectWidth={false}
        style={{ width: 150 }}
      />
      <Select
        id="projectFilterTargetGroup"
        aria-label={t('projects.filter.targetGroup')}
        placeholder={t('projects.filter.targetGroup')}
        allowClear
        value={value.targetGroup}
        onChange={(v) => set({ targetGroup: v })}
        options={options(TARGET_GROUPS)}
        popupMatchSelectWidth={false}
        style={{ width: 150 }}
      />
      <Select
        id="projectFilterRating"
        aria-label={t('projects.filter.rating')}
        placeholder={t('projects.filter.rating')}
        allowClear
        value={value.rating}
        onChange={(v) => set({ rating: v })}
        options={options(PROJECT_RATINGS)}
        style={{ width: 140 }}
      />
      <label className="ty-project-switch">
        <Switch
          id="projectFilterOverdue"
          size="small"
          checked={value.overdue === '1'}
          onChange={(on) => set({ overdue: on ? '1' : undefined })}
        />
        <span>{t('projects.filter.overdue')}</span>
      </label>
      {hasAny && (
        <Button type="link" onClick={() => onChange({})}>
          {t('common.reset')}
        </Button>
      )}
    </div>
  );
}
