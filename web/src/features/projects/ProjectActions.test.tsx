// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProjectView } from '@touyan/schemas';
import { fakeApi, renderPage } from '../../test/render';
import { ProjectActions } from './ProjectActions';

/** The buttons come from the record's `abilities` (computed by the server's policy), nothing else. */
const project = (abilities: string[]) => ({ id: 'p1', version: 3, abilities }) as unknown as ProjectView;
const BUTTONS = ['编辑申报书', '提交申报', '重新申报', '撤回申报', '完成结项', '终止项目'];
const shown = () => BUTTONS.filter((name) => screen.queryByRole('button', { name: new RegExp(name) }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ProjectActions', { timeout: 20_000 }, () => {
  it('shows exactly the buttons the abilities allow', () => {
    fakeApi({});
    renderPage(<ProjectActions project={project([])} onChanged={() => undefined} />);
    expect(shown()).toEqual([]);
    cleanup();
    renderPage(<ProjectActions project={project(['update', 'submit'])} onChanged={() => undefined} />);
    expect(shown()).toEqual(['编辑申报书', '提交申报']);
    cleanup();
    renderPage(<ProjectActions project={project(['withdraw', 'terminate'])} onChanged={() => undefined} />);
    expect(shown()).toEqual(['撤回申报', '终止项目']);
  });

  it('submits after confirmation, with the version it was shown', async () => {
    const { calls } = fakeApi({ 'POST /projects/p1/submit': { id: 'p1', version: 4 } });
    const user = userEvent.setup({ delay: null });
    renderPage(<ProjectActions project={project(['submit'])} onChanged={() => undefined} />);
    await user.click(screen.getByRole('button', { name: /提交申报/ }));
    expect(calls).toEqual([]);
    await user.click(await screen.findByRole('button', { name: '确认提交' }));
    await screen.findByText('已提交申报');
    expect(calls).toEqual([{ method: 'POST', path: '/projects/p1/submit', body: { version: 3 } }]);
  });

  it('requires a reason to terminate and sends nothing without one', async () => {
    const { calls } = fakeApi({ 'POST /projects/p1/terminate': { id: 'p1', version: 4 } });
    const user = userEvent.setup({ delay: null });
    renderPage(<ProjectActions project={project(['terminate'])} onChanged={() => undefined} />);
    await user.click(screen.getByRole('button', { name: /终止项目/ }));
    const dialog = await screen.findByRole('dialog');
    const ok = () => [...dialog.querySelectorAll('button')].find((b) => b.textContent?.includes('终止项目'))!;
    await user.click(ok());
    await waitFor(() => expect(dialog.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    expect(calls).toEqual([]);
    await user.type(dialog.querySelector('textarea')!, '承接单位注销');
    await user.click(ok());
    await screen.findByText('项目已终止');
    expect(calls).toEqual([
      { method: 'POST', path: '/projects/p1/terminate', body: { version: 3, reason: '承接单位注销' } },
    ]);
  });

  it('shows the server’s message on a version conflict and asks the page to reload', async () => {
    fakeApi({
      'POST /projects/p1/submit': {
        status: 409,
        body: { code: 'VERSION_CONFLICT', message: '记录已被他人修改，请刷新后重试' },
      },
    });
    const onChanged = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderPage(<ProjectActions project={project(['submit'])} onChanged={onChanged} />);
    await user.click(screen.getByRole('button', { name: /提交申报/ }));
    await user.click(await screen.findByRole('button', { name: '确认提交' }));
    await screen.findByText('记录已被他人修改，请刷新后重试');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});
