// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ToastProvider } from '../../components/light/feedback';
import { fakeApi, renderPage } from '../../test/render';
import OnlineVisitPage from './OnlineVisitPage';

const TOKEN = 'A'.repeat(32);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open() {
  const api = fakeApi({
    [`GET /online-visits/${TOKEN}`]: {
      hostOrgName: '富顺泰峰餐饮管理有限公司',
      specialistName: '叶志飞',
      note: null,
      expiresAt: '2026-12-13T02:00:00.000Z',
      status: 'awaiting',
    },
    [`POST /online-visits/${TOKEN}`]: { ok: true },
  });
  renderPage(
    <ToastProvider>
      <OnlineVisitPage />
    </ToastProvider>,
    { path: `/v/${TOKEN}`, route: '/v/:token' },
  );
  return api;
}

describe('the firm’s online visit form', () => {
  it('sends the demands the contact lists with the form, amount in fen, never a firm', async () => {
    const user = userEvent.setup();
    const { calls } = open();
    await user.type(await screen.findByTestId('online-contact'), '李经理');
    await user.type(screen.getByTestId('online-findings'), '订单稳定，融资压力较大。');
    await user.click(screen.getByTestId('demand-add'));
    await user.click(screen.getByRole('button', { name: '要素保障·融资' }));
    await user.type(screen.getByTestId('demand-0-title'), '流动资金贷款');
    await user.type(screen.getByTestId('demand-0-description'), '申请纳入县级贷款贴息。');
    await user.type(screen.getByPlaceholderText('如：500000'), '12.5');
    await user.click(screen.getByTestId('online-submit'));
    await screen.findByTestId('online-thanks');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: `/online-visits/${TOKEN}`,
        body: {
          contactName: '李经理',
          findings: '订单稳定，融资压力较大。',
          demands: [
            {
              category: 'factor_finance',
              title: '流动资金贷款',
              description: '申请纳入县级贷款贴息。',
              amountAskedFen: 1250,
            },
          ],
        },
      },
    ]);
  });

  it('does not send an incomplete demand: it asks for the category first', async () => {
    const user = userEvent.setup();
    const { calls } = open();
    await user.type(await screen.findByTestId('online-contact'), '李经理');
    await user.type(screen.getByTestId('online-findings'), '用电紧张。');
    await user.click(screen.getByTestId('demand-add'));
    await user.type(screen.getByTestId('demand-0-title'), '用电增容');
    await user.click(screen.getByTestId('online-submit'));
    await waitFor(() => expect(screen.getByText('请选择诉求类别')).toBeTruthy());
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
