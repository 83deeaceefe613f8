import { createUser } from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import { login } from '../harness';
import { idle, sheet, uploadAndWait, uploadReq } from '../ledger-sheets';
import { HOST_READERS, STAFF, type ProbeModule } from './types';

const get = (url: string) => ({ method: 'GET' as const, url });

/** The ledger's Excel round-trip (issue 11): one finished (empty) import in each county. */
export const ledgerImportProbes: ProbeModule = {
  setup: async (f) => {
    const { t, w } = f;
    const empty = await sheet([]);
    f.extra.importA = (await uploadAndWait(t, f.sessions.get('staff')!, empty)).id;
    const bStaff = await createUser(
      t.services,
      t.admin,
      { username: 'ledger_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] },
      new Rng(77),
    );
    f.extra.importB = (await uploadAndWait(t, await login(t.app, bStaff.username), empty)).id;
  },
  probes: {
    'GET /api/host-orgs/import-template': {
      allow: STAFF,
      binary: true,
      in: () => get('/api/host-orgs/import-template'),
    },
    'GET /api/host-orgs/export-ledger': {
      allow: HOST_READERS,
      binary: true,
      in: () => get('/api/host-orgs/export-ledger'),
    },
    'POST /api/host-orgs/imports': {
      allow: STAFF,
      in: async (f) => {
        const r = uploadReq(await sheet([]));
        await idle(f.t);
        return r;
      },
    },
    'GET /api/host-orgs/imports/:id': {
      allow: STAFF,
      in: (f) => get(`/api/host-orgs/imports/${f.extra.importA}`),
      out: (f) => get(`/api/host-orgs/imports/${f.extra.importB}`),
    },
    'GET /api/host-orgs/imports/:id/errors': {
      allow: STAFF,
      in: (f) => get(`/api/host-orgs/imports/${f.extra.importA}/errors`),
      out: (f) => get(`/api/host-orgs/imports/${f.extra.importB}/errors`),
    },
    'POST /api/host-orgs/imports/:id/commit': {
      // The county's import failed (empty sheet): committing it answers 409 IMPORT_NOT_READY.
      allow: STAFF,
      inStatus: 409,
      statusFor: { admin: { out: 409 } },
      in: (f) => ({
        method: 'POST',
        url: `/api/host-orgs/imports/${f.extra.importA}/commit`,
        payload: { mode: 'valid_only' },
      }),
      out: (f) => ({
        method: 'POST',
        url: `/api/host-orgs/imports/${f.extra.importB}/commit`,
        payload: { mode: 'valid_only' },
      }),
    },
  },
};
