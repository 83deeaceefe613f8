/** Strings of the challenges feature (zh-CN first; every key in both languages). */
export const challengeStrings = {
  'zh-CN': {},
  en: {},
} as const;
