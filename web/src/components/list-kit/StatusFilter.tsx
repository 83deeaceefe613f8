import { Segmented } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { Label } from '@touyan/schemas';
import { useDictOptions, useT } from '../../i18n';

/** A list's status filter kept in the address bar as `?status=` (none: every status). */
export function useStatusParam<S extends string>(): [S | undefined, (status: S | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as S | null) ?? undefined;
  return [status, (s) => setParams(s ? { status: s } : {}, { replace: true })];
}

/** 全部 and one segment a status (labels from the dictionary, in the order of `codes`). */
export function StatusSegmented<S extends string>({
  value,
  onChange,
  dict,
  codes,
}: {
  value: S | undefined;
  onChange: (status: S | undefined) => void;
  dict: Record<S, Label>;
  codes: readonly S[];
}) {
  const t = useT();
  const options = useDictOptions();
  return (
    <Segmented<string>
      value={value ?? 'all'}
      onChange={(v) => onChange(v === 'all' ? undefined : (v as S))}
      options={[{ value: 'all', label: t('common.all') }, ...options(dict, codes)]}
    />
  );
}
