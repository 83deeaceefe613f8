import type { ThemeConfig } from 'antd';

export const PARTY_RED = '#c8161d';

/**
 * Text colours readable in sunlight: every one reaches WCAG AA (4.5:1) on the backgrounds it is
 * shown on (white, the page grey #f4f5f7, table headers, and its own tag background). theme.test.ts
 * computes the ratios. styles.css repeats the greys as CSS variables (--ty-text-*) for the app's own
 * classes; use those rather than a hex grey.
 */
export const TEXT = {
  /** Labels, meta lines (antd's default rgba(0,0,0,.65)). 7.0:1 on white. */
  secondary: '#595959',
  /** Hints, descriptions, empty states, timestamps (antd's default #8c8c8c was 3.4:1). 5.7:1 on white. */
  tertiary: '#666666',
  success: '#237804',
  warning: '#874d00',
  error: '#cf1322',
  info: '#1f5fa8',
} as const;

/**
 * Tag colours as used in the app (`<Tag color="green">`): antd draws a preset tag's text in the
 * palette's 7th shade on its 1st, which is below 4.5:1 for the warm and light hues (green 3.4:1,
 * gold 2.8:1). Within tags, the text shade is set per hue: a darker shade where antd's falls short
 * (volcano, orange, gold, yellow, lime, green, cyan), antd's own where it already reads (red, blues, purple, magenta).
 */
export const TAG_TEXT = {
  red7: '#cf1322',
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
  blue7: '#0958d9',
  geekblue7: '#1d39c4',
  purple7: '#531dab',
  magenta7: '#c41d7f',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: '#a8151b',
    colorInfo: TEXT.info,
    // Also the unread badge's and danger buttons' background under white text (antd's #ff4d4f: 3.3:1).
    colorError: TEXT.error,
    colorTextSecondary: TEXT.secondary,
    colorTextTertiary: TEXT.tertiary,
    colorTextDescription: TEXT.tertiary,
    colorSuccessText: TEXT.success,
    colorWarningText: TEXT.warning,
    colorErrorText: TEXT.error,
    colorInfoText: TEXT.info,
    borderRadius: 4,
    colorBgLayout: '#f4f5f7',
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemSelectedBg: '#fdf0f0', itemSelectedColor: PARTY_RED, itemBorderRadius: 4 },
    Table: { headerBg: '#fafafa' },
    // A list's "no data" line is drawn in colorTextDisabled (#bfbfbf, 1.8:1), yet it is text to read.
    List: { colorTextDisabled: TEXT.tertiary },
    // Status tags (success / processing / error / warning) draw their text in colorSuccess etc.
    Tag: {
      ...TAG_TEXT,
      colorSuccess: TEXT.success,
      colorWarning: TEXT.warning,
      colorError: TEXT.error,
      colorInfo: TEXT.info,
    },
  },
};
