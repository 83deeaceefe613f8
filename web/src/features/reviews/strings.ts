/** Strings of the reviews feature (zh-CN first; every key in both languages). */
export const reviewStrings = {
  'zh-CN': {},
  en: {},
} as const;
