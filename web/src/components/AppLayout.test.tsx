// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { Role } from '@touyan/schemas';
import { fakeApi, renderPage } from '../test/render';
import { page, sessionAs } from '../test/fixtures';
import { useMe } from '../features/auth/hooks';
import { AppLayout } from './AppLayout';

/** The layout as the app shows it once the session is known. */
function SignedIn() {
  const { data } = useMe();
  return data ? <AppLayout /> : null;
}

async function menuOf(roles: Role[]) {
  fakeApi({ ...sessionAs(roles), 'GET /notifications': page([]), 'GET /notifications/unread-count': { unread: 0 } });
  renderPage(<SignedIn />, { path: '/' });
  const menu = await screen.findByRole('menu', { name: '菜单' });
  return {
    menu,
    labels: within(menu)
      .getAllByRole('menuitem')
      .map((i) => i.textContent),
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the side menu a user sees follows their roles', { timeout: 60_000 }, () => {
  it('shows a secretary the declaring side’s pages and none of the ledgers or administration', async () => {
    const { labels } = await menuOf(['secretary']);
    expect(labels).toEqual(['工作台', '党组织', '两新组织', '覆盖率', '项目活动', '难题揭榜', '书记项目', '年度考核']);
  });

  it('shows a judge the judging pages only', async () => {
    const { labels } = await menuOf(['judge']);
    expect(labels).not.toContain('用户与角色');
    expect(labels).not.toContain('两新组织');
    expect(labels).toContain('研判会');
    expect(labels).toContain('比武打擂');
  });

  it('shows staff the administration too', async () => {
    const { labels } = await menuOf(['staff']);
    expect(labels).toContain('用户与角色');
    expect(labels).toContain('审计日志');
    expect(labels).toContain('季度分析');
  });
});
