import { Segmented } from 'antd';
import type { Locale } from '@touyan/schemas';
import { useLocale, useT } from '../i18n';
import { useMe, useSaveLocale } from '../features/auth/hooks';

/** 中文 / English switch: remembered in localStorage and, when logged in, saved on the server. */
export function LanguageSwitch() {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const { data: me } = useMe();
  const save = useSaveLocale();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('header.language')}
      value={locale}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'EN' },
      ]}
      onChange={(l) => {
        setLocale(l);
        if (me) save.mutate(l);
      }}
    />
  );
}
