/** Strings of the projects feature (zh-CN first; every key in both languages). */
export const projectStrings = {
  'zh-CN': {},
  en: {},
} as const;
