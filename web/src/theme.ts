import type { ThemeConfig } from 'antd';

export const PARTY_RED = '#c8161d';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: '#a8151b',
    colorInfo: '#1f5fa8',
    borderRadius: 4,
    colorBgLayout: '#f4f5f7',
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemSelectedBg: '#fdf0f0', itemSelectedColor: PARTY_RED, itemBorderRadius: 4 },
    Table: { headerBg: '#fafafa' },
  },
};
