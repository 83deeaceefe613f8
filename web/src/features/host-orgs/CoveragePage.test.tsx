// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CoverageReport, CoverageRow } from '@touyan/schemas';
import { currentLocation, fakeApi, renderPage, type FetchCall } from '../../test/render';
import { sessionAs } from '../../test/fixtures';
import CoveragePage from './CoveragePage';

const row = (over: Partial<CoverageRow>): CoverageRow => ({
  key: '510322',
  label: '富顺县',
  filter: { regionCode: '510322' },
  drillable: true,
  total: 10,
  orgCoveredOwn: 4,
  orgCoveredJoint: 2,
  workCoveredOnly: 3,
  uncovered: 1,
  threeHasTotal: 5,
  threeHasUncovered: 1,
  orgRate: 0.6,
  coverageRate: 0.9,
  ...over,
});

const report = (q: Record<string, string>): CoverageReport => ({
  groupBy: (q.groupBy ?? 'region') as CoverageReport['groupBy'],
  regionCode: q.regionCode ?? null,
  regionName: q.regionCode ? '富顺县' : null,
  rows:
    q.groupBy === 'industry'
      ? [row({ key: 'C', label: '制造业', filter: { industry: 'C' }, drillable: false })]
      : [row({})],
  total: row({ key: '', label: '合计', filter: {}, drillable: false }),
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the coverage rates page', () => {
  it(
    'links every number to the host-organisation list filtered to the organisations behind it',
    { timeout: 20_000 },
    async () => {
      fakeApi({
        ...sessionAs(['staff']),
        'GET /host-orgs/coverage': (c: FetchCall) => report(c.query as Record<string, string>),
      });
      renderPage(<CoveragePage />, { path: '/host-orgs/coverage' });
      const link = await screen.findByTestId('coverage-510322-threeHasUncovered');
      expect(link.textContent).toBe('1');
      expect(link.getAttribute('href')).toBe('/host-orgs?regionCode=510322&threeHas=1&orgCoverageKind=none');
      expect(screen.getByTestId('coverage-510322-orgCoveredJoint').getAttribute('href')).toBe(
        '/host-orgs?regionCode=510322&orgCoverageKind=joint',
      );
      expect(screen.getByTestId('coverage-total-total').getAttribute('href')).toBe('/host-orgs');
      expect(screen.getAllByText('90.0%').length).toBeGreaterThan(0);
      const user = userEvent.setup({ delay: null });
      await user.click(screen.getByTestId('coverage-510322-workCoveredOnly'));
      await waitFor(() =>
        expect(decodeURIComponent(currentLocation())).toBe('/host-orgs?regionCode=510322&coverage=work_covered'),
      );
    },
  );

  it('drills into a region and switches the grouping', { timeout: 20_000 }, async () => {
    const api = fakeApi({
      ...sessionAs(['staff']),
      'GET /host-orgs/coverage': (c: FetchCall) => report(c.query as Record<string, string>),
    });
    renderPage(<CoveragePage />, { path: '/host-orgs/coverage' });
    const user = userEvent.setup({ delay: null });
    const drill = await screen.findByLabelText('下钻到 富顺县');
    // The table may still show its loading veil (pointer-events: none) on a busy machine: wait it out.
    await waitFor(() => expect(drill.closest('.ant-spin-blur')).toBeNull());
    await user.click(drill);
    await waitFor(() => expect(currentLocation()).toBe('/host-orgs/coverage?groupBy=region&regionCode=510322'));
    await user.click(screen.getByText('按行业'));
    const link = await screen.findByTestId('coverage-C-total');
    expect(link.getAttribute('href')).toBe('/host-orgs?industry=C');
    const queries = api.calls.filter((c) => c.path === '/host-orgs/coverage').map((c) => c.query);
    expect(queries).toContainEqual({ groupBy: 'industry', regionCode: '510322' });
  });
});
