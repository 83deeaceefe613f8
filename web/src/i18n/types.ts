import type { Locale } from '@touyan/schemas';

export type { Locale };

/** A table of strings in every locale; the English table must have exactly the Chinese keys. */
export interface StringTable<K extends string> {
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}

export function defineStrings<K extends string>(zh: Record<K, string>, en: Record<K, string>): StringTable<K> {
  return { 'zh-CN': zh, en };
}
