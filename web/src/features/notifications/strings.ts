/** Strings of the notifications feature (zh-CN first; every key in both languages). */
export const notificationStrings = {
  'zh-CN': {},
  en: {},
} as const;
