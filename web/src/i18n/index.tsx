import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LOCALES, type Label, type Locale } from '@touyan/schemas/plain';
import { setApiLocale } from '../api/client';
import type { MessageKey } from './strings';
import type { StringTable } from './types';

export type { MessageKey };
export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'ty_locale';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN';
}

/** True when this browser remembers a language the user chose. */
export function hasSavedLocale(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

function applyLocale(locale: Locale): void {
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

/**
 * The strings known so far, by locale. Each part of the app adds the tables it uses when its code loads
 * (`addStrings` at the top of the module): the light pages only their own few, the admin app all of them
 * (./strings). A page's strings are therefore in place before it renders.
 */
const known: Record<Locale, Partial<Record<string, string>>> = { 'zh-CN': {}, en: {} };

export function addStrings(...tables: StringTable<string>[]): void {
  for (const table of tables) {
    Object.assign(known['zh-CN'], table['zh-CN']);
    Object.assign(known.en, table.en);
  }
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = known[locale][key] ?? known['zh-CN'][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    applyLocale(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    setLocaleState(l);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('I18nProvider missing');
  return v;
}

export const useT = (): TFunction => useI18n().t;
export const useLocale = (): [Locale, (l: Locale) => void] => {
  const { locale, setLocale } = useI18n();
  return [locale, setLocale];
};

/** Labels from a schemas dictionary (`ROLES`, `HOST_ORG_TYPES` …); never shows a raw code when the code is known. */
export function useLabel() {
  const { locale } = useI18n();
  return useCallback(
    <K extends string | number>(dict: Record<K, Label>, code: K | null | undefined): string => {
      if (code === null || code === undefined) return '';
      const entry = dict[code] as Label | undefined;
      return entry ? entry[locale] : String(code);
    },
    [locale],
  );
}

/** Options for an antd Select from a dictionary. */
export function useDictOptions() {
  const { locale } = useI18n();
  return useCallback(
    <K extends string>(dict: Record<K, Label>, only?: readonly K[]) =>
      (only ?? (Object.keys(dict) as K[])).map((code) => ({ value: code, label: dict[code][locale] })),
    [locale],
  );
}
