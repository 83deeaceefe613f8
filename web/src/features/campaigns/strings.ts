/** Strings of the campaigns feature (zh-CN first; every key in both languages). */
export const campaignStrings = {
  'zh-CN': {},
  en: {},
} as const;
