import type { Locale } from '@touyan/schemas/plain';
import { useLocale, useT } from '../../i18n';
import { useMe, useSaveLocale } from '../../features/auth/hooks';

const OPTIONS: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'EN' },
];

/** 中文 / English switch of the light shell: remembered in localStorage and, when logged in, on the server. */
export function LanguageSwitch() {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const { data: me } = useMe();
  const save = useSaveLocale();
  return (
    <div className="ty-segmented" role="group" aria-label={t('header.language')}>
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          aria-pressed={locale === o.value}
          onClick={() => {
            if (o.value === locale) return;
            setLocale(o.value);
            if (me) save.mutate(o.value);
          }}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
