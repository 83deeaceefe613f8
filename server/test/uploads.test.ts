import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { AppError } from '../src/core/errors';
import { uploadCleanupJob, UnlinkedUploadsCleanup } from '../src/modules/attachments/attachments.cleanup';
import { actorOf, contextFor, createCampaign, createUser, declarationInput } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import type { RequestContext } from '../src/core/actor';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { approvedProject } from './probes/contests';
import { buildWorld, type World } from './world';

/**
 * Uploads never linked to anything, and the per-user upload quotas (issue #8, finding 8).
 * Quotas are set small here: 10 000 bytes a day, 5 000 bytes held unlinked.
 */
const DAILY = 10_000;
const UNLINKED = 5_000;
const DAY_MS = 24 * 3600_000;

let t: TestApp;
let w: World;
let projectId: string;
const clock = new SimulatedClock('2025-03-03T09:00:00+08:00');
// light-my-request dispatches when awaited: await inside the clock's context.
const at = <T>(fn: () => PromiseLike<T>) => runWithClock(clock.now, async () => await fn());

/** A PNG of exactly `size` bytes. */
const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 7)]);

function upload(s: Session, size: number, fields: Record<string, string> = {}) {
  const mp = multipart(fields, { field: 'file', filename: '照片.png', type: 'image/png', data: png(size) });
  return at(() =>
    t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...mp.headers },
      payload: mp.body,
    }),
  );
}

async function uploaded(s: Session, size: number, fields: Record<string, string> = {}): Promise<string> {
  const res = await upload(s, size, fields);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}

/** A user of county A's 工委 who may upload for its project, logged in. */
async function uploader(username: string): Promise<{ s: Session; ctx: RequestContext }> {
  const u = await createUser(t.services, t.admin, {
    username,
    roles: [{ role: 'secretary', orgId: w.a.committee.id }],
  });
  return { s: await login(t.app, username), ctx: contextFor(await actorOf(t.services, u.id)) };
}

const fileOf = async (id: string) => {
  const row = await t.services.store.repos.attachments.get(id);
  return row ? t.services.attachments.storage.absolute(row.storagePath) : null;
};

/** Files under the uploads directory (tmp included). */
const storedFiles = () =>
  readdirSync(path.join(t.config.dataDir, 'uploads'), { recursive: true, withFileTypes: true }).filter((d) =>
    d.isFile(),
  ).length;

const cleanup = () => new UnlinkedUploadsCleanup(t.services.store, t.services.attachments.storage, DAY_MS);

beforeAll(async () => {
  t = await createTestApp(
    {},
    { uploads: { dailyQuotaBytes: DAILY, unlinkedQuotaBytes: UNLINKED, unlinkedTtlMs: DAY_MS } },
  );
  w = await buildWorld(t);
  const campaign = await createCampaign(t.services, t.admin, { orgId: w.a.dept.id, codePrefix: 'UP' });
  const secretary = contextFor(await actorOf(t.services, w.users.secretary.id));
  projectId = await approvedProject(t.services, t.admin, secretary, {
    campaignId: campaign.id,
    orgId: w.a.committee.id,
  });
});
afterAll(() => t.close());

describe(`unlinked uploads are removed after a day (${TEST_DB})`, () => {
  it('removes an orphan older than a day (row and file), keeps a fresh orphan and a linked file, and audits it', async () => {
    const { s, ctx } = await uploader('up_clean');
    clock.set('2025-03-03T09:00:00+08:00');
    const old = await uploaded(s, 200);
    const linkedLater = await uploaded(s, 300);
    const linkedAtOnce = await uploaded(s, 400, { projectId });
    await at(() =>
      call(t.app, s, 'POST', `/api/projects/${projectId}/progress`, {
        text: '走访企业。',
        attachmentIds: [linkedLater],
      }),
    ).then((r) => expect(r.statusCode, r.body).toBe(200));
    clock.set('2025-03-04T08:00:00+08:00');
    const fresh = await uploaded(s, 500);
    const oldFile = (await fileOf(old))!;
    expect(existsSync(oldFile)).toBe(true);
    expect((await t.services.store.repos.attachments.usage(ctx.actor.userId, '2025-03-04')).unlinked).toBe(700);

    clock.set('2025-03-04T09:30:00+08:00');
    const result = await at(() => cleanup().run());
    expect(result).toMatchObject({ removed: 1, bytes: 200 });
    expect(await t.services.store.repos.attachments.get(old)).toBeUndefined();
    expect(existsSync(oldFile)).toBe(false);
    for (const id of [fresh, linkedLater, linkedAtOnce]) expect(existsSync((await fileOf(id))!), id).toBe(true);
    // The removed upload's bytes are free again; the fresh orphan still counts.
    expect((await t.services.store.repos.attachments.usage(ctx.actor.userId, '2025-03-04')).unlinked).toBe(500);

    const audit = await t.services.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('requestId', '=', 'upload-cleanup')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'delete', userName: '系统', entityLabel: '清理未关联的附件 1 个' });
    expect(audit[0]!.changes).toContain('照片.png (200 B');

    // Idempotent: nothing more to do.
    expect(await at(() => cleanup().run())).toMatchObject({ removed: 0 });
    // A link to the removed upload is refused cleanly.
    const late = await at(() =>
      call(t.app, s, 'POST', `/api/projects/${projectId}/progress`, { text: '迟到的保存。', attachmentIds: [old] }),
    );
    expect([400, 404]).toContain(late.statusCode);
  });

  it('refuses (400) a save whose upload the cleanup removed after the save had read it', async () => {
    const { s, ctx } = await uploader('up_race');
    clock.set('2025-03-10T09:00:00+08:00');
    const id = await uploaded(s, 100);
    const stale = await t.services.store.repos.attachments.byIds([id]);
    clock.set('2025-03-12T09:00:00+08:00');
    expect((await at(() => cleanup().run())).removed).toBeGreaterThanOrEqual(1);
    // The save read the row before the cleanup; its link statement finds the row gone.
    const err = await t.services.store
      .tx(async (repos) => {
        const reposAsRead = {
          ...repos,
          attachments: Object.assign(Object.create(repos.attachments) as typeof repos.attachments, {
            byIds: async () => stale,
          }),
        };
        await t.services.attachments.claim(reposAsRead, ctx, projectId, [id]);
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('keeps an upload that a save links while the cleanup runs', async () => {
    const { s, ctx } = await uploader('up_link');
    clock.set('2025-03-20T09:00:00+08:00');
    const id = await uploaded(s, 100);
    clock.set('2025-03-22T09:00:00+08:00');
    let linked!: () => void;
    const linkedInTx = new Promise<void>((resolve) => (linked = resolve));
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    const saving = t.services.store.tx(async (repos) => {
      await t.services.attachments.claim(repos, ctx, projectId, [id]);
      linked();
      await gate;
    });
    await linkedInTx;
    // PostgreSQL: the cleanup's DELETE waits for the save's row lock, then sees the row linked.
    // SQLite: the cleanup's transaction waits for the save's.
    const cleaning = at(() => cleanup().run());
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await saving;
    await cleaning;
    const row = await t.services.store.repos.attachments.get(id);
    expect(row?.projectId).toBe(projectId);
    expect(existsSync((await fileOf(id))!)).toBe(true);
  });

  it('removes each orphan once when two cleanups run at the same time (several processes)', async () => {
    const { s } = await uploader('up_twice');
    clock.set('2025-04-01T09:00:00+08:00');
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await uploaded(s, 100));
    clock.set('2025-04-03T09:00:00+08:00');
    const [a, b] = await Promise.all([at(() => cleanup().run()), at(() => cleanup().run())]);
    expect(a.removed + b.removed).toBe(6);
    for (const id of ids) expect(await t.services.store.repos.attachments.get(id)).toBeUndefined();
  });
});

describe(`a declaration's uploads become its project's (${TEST_DB})`, () => {
  it('links the uploads a draft names when it is created and saved, so the cleanup keeps them', async () => {
    clock.set('2025-03-05T09:00:00+08:00');
    const campaign = await at(() => createCampaign(t.services, t.admin, { orgId: w.a.dept.id, codePrefix: 'UL' }));
    const { s } = await uploader('up_declare');
    const first = await uploaded(s, 100);
    const second = await uploaded(s, 100);
    const created = await at(() =>
      call(t.app, s, 'POST', '/api/projects', {
        campaignId: campaign.id,
        orgId: w.a.committee.id,
        content: declarationInput(new Rng(5), { attachmentIds: [first] }),
      }),
    );
    expect(created.statusCode, created.body).toBe(200);
    const draft = created.json() as { id: string; version: number; content: Record<string, unknown> };
    expect((await t.services.store.repos.attachments.get(first))!.projectId).toBe(draft.id);
    const saved = await at(() =>
      call(t.app, s, 'PUT', `/api/projects/${draft.id}/content`, {
        content: { ...draft.content, attachmentIds: [first, second] },
        version: draft.version,
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await t.services.store.repos.attachments.get(second))!.projectId).toBe(draft.id);
    clock.set('2025-03-07T09:00:00+08:00');
    await at(() => cleanup().run());
    for (const id of [first, second]) expect(await t.services.store.repos.attachments.get(id)).toBeDefined();
  });
});

describe(`the hourly cleanup job (${TEST_DB})`, () => {
  it('its handler runs the cleanup and logs the counts removed', async () => {
    const { s } = await uploader('up_job');
    clock.set('2025-04-10T09:00:00+08:00');
    await uploaded(s, 100);
    await uploaded(s, 150);
    const logged: unknown[] = [];
    const log = { info: (o: unknown) => logged.push(o), error: (o: unknown) => logged.push(o) };
    // The job reads the real clock: these uploads are long past the day.
    const result = await uploadCleanupJob(t.services, t.config, log as unknown as FastifyBaseLogger)();
    expect(result).toEqual({ removed: 2, bytes: 250 });
    expect(logged).toEqual([{ removed: 2, bytes: 250 }]);
  });
});

describe(`upload quotas (${TEST_DB})`, () => {
  it('accepts exactly 3 of 10 parallel unlinked uploads with room for 3, and answers the others 429 UPLOAD_UNLINKED_QUOTA_EXCEEDED', async () => {
    const { s, ctx } = await uploader('up_unlinked');
    clock.set('2025-05-06T10:00:00+08:00');
    const replies = await Promise.all(Array.from({ length: 10 }, () => upload(s, 1500)));
    const accepted = replies.filter((r) => r.statusCode === 200);
    expect(accepted).toHaveLength(3);
    for (const r of replies.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode, r.body).toBe(429);
      expect(r.json()).toMatchObject({ code: 'UPLOAD_UNLINKED_QUOTA_EXCEEDED' });
    }
    expect(await t.services.store.repos.attachments.usage(ctx.actor.userId, '2025-05-06')).toEqual({
      daily: 4500,
      unlinked: 4500,
    });
    // Linking one to a saved post frees its bytes for another unlinked upload.
    const first = (accepted[0]!.json() as { id: string }).id;
    const post = await at(() =>
      call(t.app, s, 'POST', `/api/projects/${projectId}/progress`, { text: '现场照片。', attachmentIds: [first] }),
    );
    expect(post.statusCode, post.body).toBe(200);
    expect((await upload(s, 1500)).statusCode).toBe(200);
    expect((await upload(s, 1500)).statusCode).toBe(429);
  });

  it('accepts exactly 3 of 10 parallel uploads with room for 3 in the day, answers 429 UPLOAD_QUOTA_EXCEEDED, and allows more the next day', async () => {
    const { s, ctx } = await uploader('up_daily');
    clock.set('2025-05-07T23:00:00+08:00');
    const filesBefore = storedFiles();
    const replies = await Promise.all(Array.from({ length: 10 }, () => upload(s, 3000, { projectId })));
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(3);
    const refused = replies.filter((r) => r.statusCode !== 200);
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(429);
      expect(r.json()).toMatchObject({ code: 'UPLOAD_QUOTA_EXCEEDED', message: '今日上传已达上限，请明天再试' });
    }
    expect((await t.services.store.repos.attachments.usage(ctx.actor.userId, '2025-05-07')).daily).toBe(9000);
    // A refused upload leaves neither a row nor a file behind.
    const stored = await t.services.db
      .selectFrom('attachments')
      .select('id')
      .where('uploadedBy', '=', ctx.actor.userId)
      .execute();
    expect(stored).toHaveLength(3);
    expect(storedFiles()).toBe(filesBefore + 3);
    // Asia/Shanghai midnight: a new day's allowance.
    clock.set('2025-05-08T00:30:00+08:00');
    expect((await upload(s, 3000, { projectId })).statusCode).toBe(200);
  });

  it('refuses a file larger than the whole allowance without counting it', async () => {
    const { s, ctx } = await uploader('up_big');
    clock.set('2025-05-09T10:00:00+08:00');
    const res = await upload(s, UNLINKED + 1);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ code: 'UPLOAD_UNLINKED_QUOTA_EXCEEDED' });
    expect(await t.services.store.repos.attachments.usage(ctx.actor.userId, '2025-05-09')).toEqual({
      daily: 0,
      unlinked: 0,
    });
  });
});
