import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { theme as antdTheme } from 'antd';
import { PARTY_RED, TAG_TEXT, TEXT, theme } from './theme';

/** An antd colour (`#rrggbb` or `rgba(r,g,b,a)`) as the opaque colour it shows on `bg`. */
function solid(color: string, bg = '#ffffff'): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color.toLowerCase();
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(color.replace(/\s+/g, ''));
  if (!m) throw new Error(`unsupported colour: ${color}`);
  const a = m[4] === undefined ? 1 : Number(m[4]);
  const under = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
  return `#${[1, 2, 3]
    .map((i, k) => Math.round(Number(m[i]) * a + under[k]! * (1 - a)))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** WCAG 2.x relative luminance of an opaque `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio (1 … 21) of text colour `fg` (may be translucent) on the opaque `bg`. */
function contrast(fg: string, bg: string): number {
  const [hi, lo] = [luminance(solid(fg, bg)), luminance(solid(bg))].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const AA = 4.5;
/** The design tokens antd computes from our theme, and those its Tag component sees. */
const token = antdTheme.getDesignToken(theme) as unknown as Record<string, string>;
const tagToken = { ...token, ...(theme.components?.Tag as Record<string, string>) };

/** Backgrounds text is shown on: cards and tables, the page, table headers and filled areas. */
const BACKGROUNDS = { white: '#ffffff', page: '#f4f5f7', tableHeader: '#fafafa', fill: '#f5f5f5' };

describe('every text colour of the theme reaches 4.5:1 on its background (WCAG AA, readable in sunlight)', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#8c8c8c', '#ffffff')).toBeCloseTo(3.36, 2);
    expect(contrast('#389e0d', '#f6ffed')).toBeCloseTo(3.37, 2);
    expect(contrast('rgba(0, 0, 0, 0.45)', '#ffffff')).toBeCloseTo(3.36, 1);
  });

  it('uses the accessible colours as antd tokens', () => {
    expect(token.colorTextSecondary).toBe(TEXT.secondary);
    expect(token.colorTextTertiary).toBe(TEXT.tertiary);
    expect(token.colorTextDescription).toBe(TEXT.tertiary);
    expect(token.colorSuccessText).toBe(TEXT.success);
    expect(token.colorWarningText).toBe(TEXT.warning);
    expect(token.colorErrorText).toBe(TEXT.error);
  });

  for (const [name, bg] of Object.entries(BACKGROUNDS)) {
    it(`secondary, tertiary and status text on ${name} (${bg})`, () => {
      for (const key of [
        'colorTextSecondary',
        'colorTextTertiary',
        'colorTextDescription',
        'colorSuccessText',
        'colorWarningText',
        'colorErrorText',
        'colorInfoText',
        'colorLink',
        'colorPrimary',
      ]) {
        expect(contrast(token[key]!, bg), `${key} ${token[key]} on ${bg}`).toBeGreaterThanOrEqual(AA);
      }
    });
  }

  it("a list's empty text (antd draws it in colorTextDisabled)", () => {
    const listToken = { ...token, ...(theme.components?.List as Record<string, string>) };
    expect(contrast(listToken.colorTextDisabled!, BACKGROUNDS.white)).toBeGreaterThanOrEqual(AA);
  });

  it('white text on the primary colour, danger buttons and the unread badge', () => {
    for (const key of ['colorPrimary', 'colorError', 'colorInfo']) {
      expect(contrast('#ffffff', token[key]!), `white on ${key} ${token[key]}`).toBeGreaterThanOrEqual(AA);
    }
    expect(contrast('#ffffff', PARTY_RED)).toBeGreaterThanOrEqual(AA);
  });

  it('status tags: success, processing, error and warning text on their own background', () => {
    for (const [text, bg] of [
      ['colorSuccess', 'colorSuccessBg'],
      ['colorInfo', 'colorInfoBg'],
      ['colorError', 'colorErrorBg'],
      ['colorWarning', 'colorWarningBg'],
    ] as const) {
      const ratio = contrast(tagToken[text]!, tagToken[bg]!);
      expect(ratio, `${text} ${tagToken[text]} on ${bg} ${tagToken[bg]}`).toBeGreaterThanOrEqual(AA);
    }
  });

  it('preset colour tags (<Tag color="green"> …): the text shade on the lightest shade of its hue', () => {
    for (const key of Object.keys(TAG_TEXT)) {
      const hue = key.slice(0, -1);
      const [text, bg] = [tagToken[`${hue}7`]!, tagToken[`${hue}1`]!];
      expect(contrast(text, bg), `${hue}: ${text} on ${bg}`).toBeGreaterThanOrEqual(AA);
    }
  });

  it("body text, and the default tag's text on its background", () => {
    for (const bg of [...Object.values(BACKGROUNDS), solid(tagToken.colorFillQuaternary!)]) {
      expect(contrast(token.colorText!, bg), `colorText on ${bg}`).toBeGreaterThanOrEqual(AA);
    }
  });

  it('styles.css defines the same greys as CSS variables, and its own classes use no lighter grey', () => {
    const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
    const vars = Object.fromEntries(
      [...css.matchAll(/--ty-text-([a-z]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]),
    );
    expect(vars).toMatchObject({ secondary: TEXT.secondary, tertiary: TEXT.tertiary });
    const colours = [...css.matchAll(/(?<![-\w])color:\s*(#[0-9a-f]{6})\b/gi)].map((m) => m[1]!);
    // Text colours in the shared stylesheet: brand reds and dark greys, each readable on the page grey.
    for (const c of colours.filter((c) => !['#ffffff', '#fff'].includes(c.toLowerCase()))) {
      expect(contrast(c, BACKGROUNDS.page), `color: ${c} in styles.css`).toBeGreaterThanOrEqual(AA);
    }
  });
});
