/** Strings of the execution feature (zh-CN first; every key in both languages). */
export const executionStrings = {
  'zh-CN': {},
  en: {},
} as const;
