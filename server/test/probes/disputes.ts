import { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import { expect } from 'vitest';
import type { Role } from '@touyan/schemas';
import { shanghaiDate } from '../../src/core/time';
import { createUser } from '../../src/seed/factories';
import { createCase, createCentre, freshMobile } from '../../src/seed/dispute-factories';
import { call, multipart } from '../harness';
import { ALL, ids, STAFF, type Fixtures, type ProbeModule } from './types';

/*
 * 调裁诉援 (issue 14): staff reach the centres of their region, a mediator the centres they serve;
 * a worker only their own cases (/dispute-cases/mine). County A's centre (振兴区) has the matrix's
 * mediator; county B's centre (元宝区) its own.
 */
const READERS: Role[] = [...STAFF, 'mediator'];
const UPLOADERS: Role[] = [...READERS, 'worker'];

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 32)]);
const evidenceUpload = () => {
  const { body, headers } = multipart(
    {},
    { field: 'file', filename: '工资条.pdf', type: 'application/pdf', data: PDF },
  );
  return { method: 'POST' as const, url: '/api/dispute-evidence', payload: body, headers };
};
async function upload(f: Fixtures): Promise<string> {
  const s = f.sessions.get('admin')!;
  const req = evidenceUpload();
  const r = await f.t.app.inject({ ...req, headers: { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

/** An upload by the test's own administrator (the setup's cases are entered by it). */
async function serviceUpload(f: Fixtures): Promise<string> {
  async function* parts() {
    yield {
      type: 'file',
      fieldname: 'file',
      filename: '劳动合同.pdf',
      file: Readable.from([PDF]),
    } as unknown as Multipart;
  }
  return (await f.t.services.attachments.upload(f.t.admin, parts(), { dispute: true })).id;
}

const centreOf = (f: Fixtures, county: 'a' | 'b') => (county === 'a' ? f.extra.dcCentreA! : f.extra.dcCentreB!);
const mediatorOf = (f: Fixtures, county: 'a' | 'b') => (county === 'a' ? f.w.users.mediator.id : f.extra.dcMediatorB!);
const fresh = async (f: Fixtures, county: 'a' | 'b', respondent = `被申请公司${f.seq()}`) =>
  (
    await createCase(f.t.services, f.t.admin, centreOf(f, county), {
      respondent: { kind: 'firm', name: respondent, creditCode: null },
      worker: { name: '测试骑手', mobile: freshMobile() },
    })
  ).id;
const freshGroup = async (f: Fixtures, county: 'a' | 'b') => {
  const respondent = `集体争议公司${f.seq()}`;
  const caseIds = [await fresh(f, county, respondent), await fresh(f, county, respondent)];
  return (await f.t.services.disputes.createGroup(f.t.admin, { title: '骑手集体欠薪', caseIds })).id;
};
/** A group of two cases and a later open case against the same respondent, of one county. */
const groupAndLate = async (f: Fixtures, county: 'a' | 'b') => {
  const respondent = `集体争议公司${f.seq()}`;
  const caseIds = [await fresh(f, county, respondent), await fresh(f, county, respondent)];
  const id = (await f.t.services.disputes.createGroup(f.t.admin, { title: '骑手集体欠薪', caseIds })).id;
  return { id, late: await fresh(f, county, respondent) };
};
const startMediation = (f: Fixtures, county: 'a' | 'b') => ({
  event: 'start_mediation',
  receivedOn: shanghaiDate(),
  mediatorUserId: mediatorOf(f, county),
  note: '双方同意调解',
});
const centreBody = (f: Fixtures, county: 'a' | 'b', code: string) => ({
  name: county === 'a' ? `振兴区劳动争议调解中心${code}` : `元宝区劳动争议调解中心${code}`,
  code,
  regionCode: county === 'a' ? '210603' : '210602',
  address: county === 'a' ? '振兴区六纬路2号' : '元宝区金山大街2号',
  phone: null,
  headUserId: mediatorOf(f, county),
  mediatorUserIds: [mediatorOf(f, county)],
});
const intakeBody = (f: Fixtures, county: 'a' | 'b') => ({
  centreId: centreOf(f, county),
  source: 'hotline',
  worker: { name: '热线来电骑手', mobile: freshMobile() },
  respondent: { kind: 'platform', name: `某平台公司${f.seq()}`, creditCode: null },
  type: 'wage_arrears',
  claimFen: 350000,
  facts: '骑手反映平台站点拖欠两个月配送费。',
  knownOn: '2025-10-15',
  evidenceIds: [],
});
const consultationBody = (f: Fixtures, county: 'a' | 'b') => ({
  centreId: centreOf(f, county),
  channel: 'hotline',
  askedOn: shanghaiDate(),
  personName: '李师傅',
  mobile: null,
  regionCode: county === 'a' ? '210603' : '210602',
  topic: 'work_injury',
  question: '送餐途中摔伤，平台说不算工伤，怎么办？',
  answer: '可先申请工伤认定，需要劳动关系证明，可到中心申请调解或法律援助。',
  followUp: null,
  followUpOn: null,
  caseId: null,
});
const versionOf = async (f: Fixtures, url: string) =>
  (await call(f.t.app, f.sessions.get('admin')!, 'GET', url)).json<{ version: number }>().version;
const notReaders = (status: number) =>
  Object.fromEntries(ALL.filter((r) => !UPLOADERS.includes(r)).map((r) => [r, { in: status }]));

export const disputesProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    const bMediator = await createUser(s, f.t.admin, {
      username: 'b_mediator',
      roles: [{ role: 'mediator', orgId: f.w.b.dept.id }],
    });
    f.extra.dcMediatorB = bMediator.id;
    f.extra.dcCentreA = (await createCentre(s, f.t.admin, { ...centreBody(f, 'a', 'ZX') })).id;
    f.extra.dcCentreB = (await createCentre(s, f.t.admin, { ...centreBody(f, 'b', 'YB') })).id;
    for (const county of ['a', 'b'] as const) {
      const c = await createCase(s, f.t.admin, centreOf(f, county), {
        evidenceIds: [await serviceUpload(f)],
        respondent: { kind: 'firm', name: `${county}区某餐饮公司`, creditCode: null },
      });
      f.extra[county === 'a' ? 'dcCaseA' : 'dcCaseB'] = c.id;
      f.extra[county === 'a' ? 'dcFileA' : 'dcFileB'] = c.evidence[0]!.id;
      f.extra[county === 'a' ? 'dcGroupA' : 'dcGroupB'] = await freshGroup(f, county);
      const k = await s.disputeCentres.createConsultation(f.t.admin, {
        ...(consultationBody(f, county) as Parameters<typeof s.disputeCentres.createConsultation>[1]),
      });
      f.extra[county === 'a' ? 'dcConsultA' : 'dcConsultB'] = k.id;
    }
  },
  probes: {
    'GET /api/dispute-centres': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/dispute-centres' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.dcCentreA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.dcCentreB);
      },
    },
    'POST /api/dispute-centres': {
      allow: STAFF,
      in: (f) => ({ method: 'POST', url: '/api/dispute-centres', payload: centreBody(f, 'a', `PA${f.seq()}`) }),
      out: (f) => ({ method: 'POST', url: '/api/dispute-centres', payload: centreBody(f, 'b', `PB${f.seq()}`) }),
    },
    'GET /api/dispute-centres/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/dispute-centres/${f.extra.dcCentreA}` }),
      out: (f) => ({ method: 'GET', url: `/api/dispute-centres/${f.extra.dcCentreB}` }),
    },
    'PATCH /api/dispute-centres/:id': {
      allow: STAFF,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/dispute-centres/${f.extra.dcCentreA}`,
        payload: {
          ...centreBody(f, 'a', 'ZX'),
          version: await versionOf(f, `/api/dispute-centres/${f.extra.dcCentreA}`),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/dispute-centres/${f.extra.dcCentreB}`,
        payload: {
          ...centreBody(f, 'b', 'YB'),
          version: await versionOf(f, `/api/dispute-centres/${f.extra.dcCentreB}`),
        },
      }),
    },
    'GET /api/dispute-cases': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/dispute-cases?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.dcCaseA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.dcCaseB);
      },
    },
    'POST /api/dispute-cases': {
      allow: READERS,
      in: (f) => ({ method: 'POST', url: '/api/dispute-cases', payload: intakeBody(f, 'a') }),
      out: (f) => ({ method: 'POST', url: '/api/dispute-cases', payload: intakeBody(f, 'b') }),
    },
    'GET /api/dispute-cases/export.xlsx': {
      allow: READERS,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/dispute-cases/export.xlsx?open=1' }),
    },
    'GET /api/dispute-cases/mine': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/dispute-cases/mine' }),
    },
    'POST /api/dispute-cases/mine': {
      // Only a worker account applies online (others 403 WORKER_ACCOUNT_ONLY), to its region's centre.
      allow: ['worker'],
      reads: ALL,
      in: (f) => ({
        method: 'POST',
        url: '/api/dispute-cases/mine',
        payload: {
          respondent: { kind: 'platform', name: `线上申请平台${f.seq()}`, creditCode: null },
          type: 'labour_relation',
          claimFen: 0,
          facts: '申请确认与站点之间的劳动关系。',
          knownOn: null,
          evidenceIds: [],
        },
      }),
      check: (body) => expect((body as { items: unknown[] }).items.length).toBeGreaterThan(0),
    },
    'GET /api/dispute-cases/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/dispute-cases/${f.extra.dcCaseA}` }),
      out: (f) => ({ method: 'GET', url: `/api/dispute-cases/${f.extra.dcCaseB}` }),
    },
    'POST /api/dispute-cases/:id/events': {
      allow: READERS,
      in: async (f) => {
        const id = await fresh(f, 'a');
        return {
          method: 'POST',
          url: `/api/dispute-cases/${id}/events`,
          payload: { ...startMediation(f, 'a'), version: 1 },
        };
      },
      out: async (f) => {
        const id = await fresh(f, 'b');
        return {
          method: 'POST',
          url: `/api/dispute-cases/${id}/events`,
          payload: { ...startMediation(f, 'b'), version: 1 },
        };
      },
    },
    'POST /api/dispute-cases/:id/evidence': {
      // Evidence is the caller's own upload: the matrix's uploads are the administrator's, so the
      // others are answered as for an upload they cannot see (404); dispute-evidence tests cover theirs.
      allow: ['admin'],
      statusFor: { staff: { in: 404 }, mediator: { in: 404 } },
      in: async (f) => ({
        method: 'POST',
        url: `/api/dispute-cases/${f.extra.dcCaseA}/evidence`,
        payload: { evidenceIds: [await upload(f)] },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/dispute-cases/${f.extra.dcCaseB}/evidence`,
        payload: { evidenceIds: [await upload(f)] },
      }),
    },
    'GET /api/dispute-cases/:id/evidence/:fileId': {
      allow: READERS,
      binary: true,
      in: (f) => ({ method: 'GET', url: `/api/dispute-cases/${f.extra.dcCaseA}/evidence/${f.extra.dcFileA}` }),
      out: (f) => ({ method: 'GET', url: `/api/dispute-cases/${f.extra.dcCaseB}/evidence/${f.extra.dcFileB}` }),
    },
    'POST /api/dispute-evidence': {
      // Those who record cases, or a worker account for its own application; every role holds 'self'.
      allow: UPLOADERS,
      statusFor: notReaders(403),
      in: evidenceUpload,
    },
    'POST /api/dispute-groups': {
      allow: READERS,
      in: async (f) => {
        const respondent = `集体争议公司${f.seq()}`;
        return {
          method: 'POST',
          url: '/api/dispute-groups',
          payload: {
            title: '骑手集体欠薪',
            caseIds: [await fresh(f, 'a', respondent), await fresh(f, 'a', respondent)],
          },
        };
      },
      out: async (f) => {
        const respondent = `集体争议公司${f.seq()}`;
        return {
          method: 'POST',
          url: '/api/dispute-groups',
          payload: {
            title: '骑手集体欠薪',
            caseIds: [await fresh(f, 'b', respondent), await fresh(f, 'b', respondent)],
          },
        };
      },
    },
    'GET /api/dispute-groups/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/dispute-groups/${f.extra.dcGroupA}` }),
      out: (f) => ({ method: 'GET', url: `/api/dispute-groups/${f.extra.dcGroupB}` }),
    },
    'POST /api/dispute-groups/:id/events': {
      allow: READERS,
      in: async (f) => ({
        method: 'POST',
        url: `/api/dispute-groups/${await freshGroup(f, 'a')}/events`,
        payload: startMediation(f, 'a'),
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/dispute-groups/${await freshGroup(f, 'b')}/events`,
        payload: startMediation(f, 'b'),
      }),
    },
    'POST /api/dispute-groups/:id/cases': {
      allow: READERS,
      in: async (f) => {
        const { id, late } = await groupAndLate(f, 'a');
        return { method: 'POST', url: `/api/dispute-groups/${id}/cases`, payload: { caseIds: [late] } };
      },
      out: async (f) => {
        const { id, late } = await groupAndLate(f, 'b');
        return { method: 'POST', url: `/api/dispute-groups/${id}/cases`, payload: { caseIds: [late] } };
      },
    },
    'GET /api/dispute-consultations': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/dispute-consultations?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.dcConsultA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.dcConsultB);
      },
    },
    'POST /api/dispute-consultations': {
      allow: READERS,
      in: (f) => ({ method: 'POST', url: '/api/dispute-consultations', payload: consultationBody(f, 'a') }),
      out: (f) => ({ method: 'POST', url: '/api/dispute-consultations', payload: consultationBody(f, 'b') }),
    },
    'GET /api/dispute-consultations/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/dispute-consultations/${f.extra.dcConsultA}` }),
      out: (f) => ({ method: 'GET', url: `/api/dispute-consultations/${f.extra.dcConsultB}` }),
    },
    'PATCH /api/dispute-consultations/:id': {
      allow: READERS,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/dispute-consultations/${f.extra.dcConsultA}`,
        payload: {
          answer: '已告知工伤认定流程，并预约到中心面谈。',
          followUp: '三日后电话回访',
          followUpOn: null,
          caseId: f.extra.dcCaseA,
          version: await versionOf(f, `/api/dispute-consultations/${f.extra.dcConsultA}`),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/dispute-consultations/${f.extra.dcConsultB}`,
        payload: {
          answer: '已告知工伤认定流程。',
          followUp: null,
          followUpOn: null,
          caseId: null,
          version: await versionOf(f, `/api/dispute-consultations/${f.extra.dcConsultB}`),
        },
      }),
    },
    'GET /api/dispute-stats': {
      allow: READERS,
      in: () => ({ method: 'GET', url: `/api/dispute-stats?from=2020-01-01&to=${shanghaiDate()}` }),
      check: (body, _f, role) => {
        const n = (body as { received: { n: number } }).received.n;
        expect(n).toBeGreaterThan(0);
        void role;
      },
    },
  },
};
