import {
  PassKeyring,
  b64urlEncode,
  peekPass,
  signPass,
  signRevocations,
  type CompoundCreateBody,
  type CompoundListQuery,
  type CompoundUpdateBody,
  type CompoundView,
  type DeviceRegisterBody,
  type GateCreateBody,
  type GateUpdateBody,
  type GuardAssignBody,
  type GuardPost,
  type MyPass,
  type Page,
  type PassCryptoKey,
  type PassIssueBody,
  type PassKeyView,
  type PassListQuery,
  type PassRoster,
  type PassRosterQuery,
  type PassPayload,
  type PassRenewBody,
  type PassRevokeBody,
  type PassStatus,
  type PassVerdict,
  type PassVerdictView,
  type PassVerifyBody,
  type PassView,
  type PublicKeyList,
  type PublicPassKey,
  type RevocationList,
  type ScanBatchBody,
  type ScanStats,
  type ScanListQuery,
  type ScanPage,
  type ScanStatsQuery,
  type ScanView,
  PASS_MAX_DAYS,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { now } from '../../core/clock';
import type { FieldCipher } from '../../core/crypto';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '../../core/time';
import type { Store } from '../../store';
import type { CompoundRow, PassKeyRow, PassRow, ScanInsert } from './passes.repository';

type GuardPostRow = NonNullable<Awaited<ReturnType<PassesStore['repos']['passes']['guardPost']>>>;
import { compoundPolicy, passPolicy, passScope } from './passes.policy';
import { ScanLog } from './passes.scan-log';
import { PassVerifier } from './passes.verify';

export type PassesStore = Store<'audit' | 'passes'>;
type PassesRepos = PassesStore['repos'];

const subtle = () => globalThis.crypto.subtle;
const KEY_CACHE_MS = 10_000;
/**
 * A guard's post (compound, gate, the compound's gates) is looked up at most this often per guard:
 * every online scan needs it. Assigning or removing a guard here drops it at once; another server
 * process over the same database sees the change within this time (as the session cache, 3 s).
 */
const POST_CACHE_MS = 3000;
const HOUR_MS = 3_600_000;
const BEIJING_MS = 8 * HOUR_MS;

function statusOf(r: Pick<PassRow, 'status' | 'expiresAt'>, at: string): PassStatus {
  if (r.status === 'revoked') return 'revoked';
  return r.expiresAt > at ? 'active' : 'expired';
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * 小哥码 (issue 12): compounds join the pilot with gates and guards; staff issue verified riders a pass
 * (every pilot compound or a list), renew and revoke it; the rider's phone registers its device key
 * and shows the signed token as a QR refreshed every 30 s; guards verify online (here, the same
 * `verifyPass` as their phone's offline check) or upload the scans they made offline, once each.
 */
export class PassesService {
  private ring: { at: number; ring: PassKeyring; rows: PassKeyRow[] } | null = null;
  private readonly privateKeys = new Map<string, Promise<PassCryptoKey>>();
  // Online verification (issue 12's bench): node:crypto, the guard's post cached, scans group-committed.
  private readonly verifier = new PassVerifier();
  private readonly scanLog = new ScanLog((rows) => this.store.repos.passes.insertScans(rows));
  private readonly posts = new Map<string, { post: GuardPostRow | null; gateIds: Set<string>; until: number }>();
  private readonly published = new WeakMap<PassKeyRow[], Map<string, PublicPassKey>>();

  constructor(
    private readonly store: PassesStore,
    private readonly cipher: FieldCipher,
  ) {}

  // ——— compounds ———

  private async compoundViews(ctx: RequestContext, rows: CompoundRow[]): Promise<CompoundView[]> {
    const { passes } = this.store.repos;
    const ids = rows.map((r) => r.id);
    const [gates, guards] = await Promise.all([passes.gatesOf(ids), passes.guardsOf(ids)]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      regionCode: r.regionCode,
      regionName: r.regionName,
      managingOrgId: r.managingOrgId,
      managingOrgName: r.managingOrgName,
      hostOrgId: r.hostOrgId,
      pilot: r.pilot === 1,
      joinedOn: r.joinedOn,
      gates: gates.filter((g) => g.compoundId === r.id).map((g) => ({ id: g.id, name: g.name })),
      guards: guards
        .filter((g) => g.compoundId === r.id)
        .map((g) => ({ userId: g.userId, name: g.name, gateId: g.gateId, gateName: g.gateName })),
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      abilities: compoundPolicy.abilities(ctx.actor, r),
    }));
  }

  async listCompounds(ctx: RequestContext, q: CompoundListQuery): Promise<Page<CompoundView>> {
    const { passes } = this.store.repos;
    const scope = passScope(ctx.actor);
    const page = await passes.listCompounds(scope, q);
    return {
      items: await this.compoundViews(ctx, page.items),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await passes.countCompounds(scope, q) } : {}),
    };
  }

  async getCompound(ctx: RequestContext, id: string): Promise<CompoundView> {
    const row = await this.store.repos.passes.getCompound(passScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.compoundViews(ctx, [row]))[0]!;
  }

  /** Compound ids the caller reaches (the `compound` reference kind). */
  compoundIdsIn(ctx: RequestContext, ids: string[]) {
    return this.store.repos.passes.compoundIdsIn(passScope(ctx.actor), ids);
  }

  /** Gate ids the caller reaches: gates of compounds in scope, or of the guard's own compound. */
  async gateIdsIn(ctx: RequestContext, ids: string[]) {
    const guard = await this.cachedPost(ctx.actor.userId);
    // The guard's own gates (every online scan names one) need no query.
    if (guard.post && ids.every((id) => guard.gateIds.has(id))) return new Set(ids);
    return this.store.repos.passes.gateIdsIn(passScope(ctx.actor), guard.post?.compoundId ?? null, ids);
  }

  /** Worker ids the caller reaches (the `worker` reference kind, until the workers module has its own). */
  workerIdsIn(ctx: RequestContext, ids: string[]) {
    return this.store.repos.passes.workerIdsIn(passScope(ctx.actor), ids);
  }

  async createCompound(ctx: RequestContext, body: CompoundCreateBody): Promise<CompoundView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      compoundPolicy.authorize(ctx.actor, 'update', {});
      // The managing organisation must be in the caller's staff subtree (the reference checked read scope).
      const scope = passScope(ctx.actor);
      if (!(await repos.passes.orgInScope(scope, body.managingOrgId))) throw new AppError('FORBIDDEN');
      // The compound lies in the managing organisation's area (its region or one below).
      if (!(await repos.passes.regionUnderOrg(body.regionCode, body.managingOrgId)))
        throw new AppError('VALIDATION_FAILED', { regionCode: 'region_outside_org' });
      await repos.passes.insertCompound({
        id,
        name: body.name,
        address: body.address,
        regionCode: body.regionCode,
        managingOrgId: body.managingOrgId,
        hostOrgId: body.hostOrgId,
        pilot: body.pilot ? 1 : 0,
        joinedOn: body.joinedOn,
        createdBy: ctx.actor.userId,
      });
      for (const name of body.gates) await repos.passes.insertGate({ id: newId(), compoundId: id, name });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'compound',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: body.managingOrgId,
        changes: diffFields(null, body, [
          'name',
          'address',
          'regionCode',
          'managingOrgId',
          'pilot',
          'joinedOn',
          'gates',
        ]),
      });
    });
    return this.getCompound(ctx, id);
  }

  private async writableCompound(ctx: RequestContext, repos: PassesRepos, id: string) {
    const row = await repos.passes.getCompound(passScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    compoundPolicy.authorize(ctx.actor, 'update', row);
    return row;
  }

  async updateCompound(ctx: RequestContext, id: string, body: CompoundUpdateBody): Promise<CompoundView> {
    await this.store.tx(async (repos) => {
      const row = await this.writableCompound(ctx, repos, id);
      const patch = { name: body.name, address: body.address, pilot: body.pilot ? 1 : 0, joinedOn: body.joinedOn };
      await repos.passes.updateCompound(id, body.version, patch);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'compound',
        entityId: id,
        entityLabel: body.name,
        scopeOrgId: row.managingOrgId,
        changes: diffFields(row, patch, ['name', 'address', 'pilot', 'joinedOn']),
      });
    });
    return this.getCompound(ctx, id);
  }

  async addGate(ctx: RequestContext, id: string, body: GateCreateBody): Promise<CompoundView> {
    await this.store.tx(async (repos) => {
      const row = await this.writableCompound(ctx, repos, id);
      const gateId = newId();
      await repos.passes.insertGate({ id: gateId, compoundId: id, name: body.name });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'compound',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: [{ field: 'gates', before: null, after: body.name }],
      });
    });
    return this.getCompound(ctx, id);
  }

  async assignGuard(ctx: RequestContext, id: string, body: GuardAssignBody): Promise<CompoundView> {
    await this.store.tx(async (repos) => {
      const row = await this.writableCompound(ctx, repos, id);
      if (body.gateId) {
        const gate = await repos.passes.gate(body.gateId);
        if (!gate || gate.compoundId !== id) throw new AppError('GATE_NOT_OF_COMPOUND');
      }
      if (!(await repos.passes.isGuardUser(body.userId))) throw new AppError('NOT_A_GUARD_USER');
      await repos.passes.putGuard({
        userId: body.userId,
        compoundId: id,
        gateId: body.gateId,
        createdBy: ctx.actor.userId,
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'compound',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: [{ field: 'guards', before: null, after: body.userId }],
      });
    });
    this.posts.clear();
    return this.getCompound(ctx, id);
  }

  /** Takes a gate out of use (audited); its past scans keep its name, its guards stay at the compound. */
  async removeGate(ctx: RequestContext, id: string, gateId: string): Promise<CompoundView> {
    await this.store.tx(async (repos) => {
      const row = await this.writableCompound(ctx, repos, id);
      const gate = await repos.passes.gate(gateId);
      if (!gate || gate.compoundId !== id || !(await repos.passes.removeGate(id, gateId)))
        throw new AppError('NOT_FOUND');
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'compound',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: [{ field: 'gates', before: gate.name, after: null }],
      });
    });
    this.posts.clear();
    return this.getCompound(ctx, id);
  }

  async removeGuard(ctx: RequestContext, id: string, userId: string): Promise<CompoundView> {
    await this.store.tx(async (repos) => {
      const row = await this.writableCompound(ctx, repos, id);
      if (!(await repos.passes.removeGuard(id, userId))) throw new AppError('NOT_FOUND');
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'compound',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: [{ field: 'guards', before: userId, after: null }],
      });
    });
    this.posts.clear();
    return this.getCompound(ctx, id);
  }

  async guardPost(ctx: RequestContext): Promise<GuardPost> {
    const { passes } = this.store.repos;
    const post = await passes.guardPost(ctx.actor.userId);
    if (!post) throw new AppError('NOT_A_GUARD');
    const gates = await passes.gatesOf([post.compoundId]);
    return { ...post, gates: gates.map((g) => ({ id: g.id, name: g.name })) };
  }

  // ——— keys ———

  private async keyRows(fresh = false): Promise<{ ring: PassKeyring; rows: PassKeyRow[] }> {
    const at = Date.now();
    if (!fresh && this.ring && at - this.ring.at < KEY_CACHE_MS) return this.ring;
    const rows = await this.store.repos.passes.listKeys();
    const ring = new PassKeyring(rows.map((r) => ({ kid: r.kid, publicKey: r.publicKey, status: this.keyStatus(r) })));
    this.ring = { at, ring, rows };
    return this.ring;
  }

  private keyStatus(r: PassKeyRow): 'active' | 'retired' {
    return r.status === 'retired' ? 'retired' : 'active';
  }

  /** Makes a new Ed25519 issuer key (the private half under the field cipher). */
  private async newKey(repos: PassesRepos, createdBy: string | null): Promise<string> {
    const pair = (await subtle().generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as {
      privateKey: PassCryptoKey;
      publicKey: PassCryptoKey;
    };
    const pub = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
    const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
    const kid = `k${newId().slice(-12).toLowerCase()}`;
    await repos.passes.insertKey({
      kid,
      publicKey: b64urlEncode(pub),
      privateKeyEnc: this.cipher.encrypt(b64urlEncode(pkcs8)),
      status: 'active',
      createdAt: nowIso(),
      createdBy,
    });
    this.ring = null;
    return kid;
  }

  /** The signing key: the newest active one (the first is made with the first pass issued). */
  private async signingKey(): Promise<{ kid: string; key: PassCryptoKey } | null> {
    let row = (await this.keyRows()).rows.find((r) => r.status === 'active');
    row ??= (await this.keyRows(true)).rows.find((r) => r.status === 'active');
    if (!row) return null;
    const found = row;
    let key = this.privateKeys.get(found.kid);
    if (!key) {
      const pkcs8 = Buffer.from(this.cipher.decrypt(found.privateKeyEnc), 'base64url');
      key = subtle().importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']) as Promise<PassCryptoKey>;
      this.privateKeys.set(found.kid, key);
    }
    return { kid: found.kid, key: await key };
  }

  async listKeys(): Promise<{ items: PassKeyView[] }> {
    const { rows } = await this.keyRows(true);
    const signing = rows.find((r) => r.status === 'active')?.kid;
    return {
      items: rows.map((r) => ({
        kid: r.kid,
        publicKey: r.publicKey,
        status: this.keyStatus(r),
        createdAt: r.createdAt,
        retiredAt: r.retiredAt,
        signing: r.kid === signing,
      })),
    };
  }

  /** A new signing key; the earlier ones stay published (their passes keep verifying) until retired. */
  async rotateKey(ctx: RequestContext): Promise<{ items: PassKeyView[] }> {
    await this.store.tx(async (repos) => {
      const kid = await this.newKey(repos, ctx.actor.userId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'pass_key',
        entityId: kid,
        entityLabel: kid,
        changes: [],
      });
    });
    return this.listKeys();
  }

  /** Stops publishing a key: passes it signed fail (unknown_key) until the rider's page re-fetches its token. */
  async retireKey(ctx: RequestContext, kid: string): Promise<{ items: PassKeyView[] }> {
    await this.store.tx(async (repos) => {
      const rows = await repos.passes.listKeys();
      const row = rows.find((r) => r.kid === kid);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status === 'active' && rows.filter((r) => r.status === 'active').length === 1)
        throw new AppError('PASS_KEY_LAST');
      if (!(await repos.passes.retireKey(kid))) throw new AppError('VERSION_CONFLICT');
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'pass_key',
        entityId: kid,
        entityLabel: kid,
        changes: [{ field: 'status', before: 'active', after: 'retired' }],
      });
    });
    this.ring = null;
    this.privateKeys.delete(kid);
    return this.listKeys();
  }

  async publicKeys(): Promise<PublicKeyList> {
    const all = (await this.keyRows()).rows;
    return {
      items: all
        .filter((r) => r.status === 'active')
        .map((r) => ({ kid: r.kid, publicKey: r.publicKey, status: 'active' as const })),
    };
  }

  /** The signed, versioned list of revoked passes that have not expired yet. */
  async revocations(): Promise<RevocationList> {
    const { passes } = this.store.repos;
    const at = nowIso();
    const [version, ids] = await Promise.all([passes.revocationVersion(), passes.revokedIds(at)]);
    const signing = await this.signingKey();
    // No key yet (no pass issued): nothing to revoke, nothing to sign.
    if (!signing) return { signed: '', version, issuedAt: at };
    const signed = await signRevocations({ v: 1, kid: signing.kid, ver: version, iat: seconds(at), ids }, signing.key);
    return { signed, version, issuedAt: at };
  }

  // ——— passes ———

  private async passViews(ctx: RequestContext, rows: PassRow[], at = nowIso()): Promise<PassView[]> {
    const compounds = await this.store.repos.passes.compoundsOfPasses(
      rows.filter((r) => r.scope === 'list').map((r) => r.id),
    );
    return rows.map((r) => {
      const status = statusOf(r, at);
      return {
        id: r.id,
        workerId: r.workerId,
        workerName: r.workerName,
        platform: r.platform,
        photoId: r.photoId,
        status,
        scope: r.scope as PassView['scope'],
        compounds: compounds.get(r.id) ?? [],
        issuedAt: r.issuedAt,
        expiresAt: r.expiresAt,
        deviceRegistered: r.devicePublicKey !== null,
        revokedAt: r.revokedAt,
        revokeReason: r.revokeReason,
        version: r.version,
        abilities: passPolicy.abilities(ctx.actor, { status }),
      };
    });
  }

  async list(ctx: RequestContext, q: PassListQuery): Promise<Page<PassView>> {
    const { passes } = this.store.repos;
    const scope = passScope(ctx.actor);
    const at = nowIso();
    const page = await passes.listPasses(scope, q, at);
    return {
      items: await this.passViews(ctx, page.items, at),
      nextCursor: page.nextCursor,
      ...(q.withTotal ? { total: await passes.countPasses(scope, q, at) } : {}),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<PassView> {
    const row = await this.store.repos.passes.getPass(passScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.passViews(ctx, [row]))[0]!;
  }

  private expiryOf(expiresOn: string): string {
    const today = shanghaiDate();
    const max = shanghaiDate(new Date(now().getTime() + PASS_MAX_DAYS * 86_400_000));
    if (expiresOn <= today || expiresOn > max) throw new AppError('PASS_BAD_EXPIRY');
    return shanghaiDayEnd(expiresOn);
  }

  async issue(ctx: RequestContext, body: PassIssueBody): Promise<PassView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      if (!ctx.actor.permissions.has('pass.manage')) throw new AppError('FORBIDDEN');
      const scope = passScope(ctx.actor);
      const worker = await repos.passes.workerInScope(scope, body.workerId);
      if (!worker) throw new AppError('NOT_FOUND');
      if (worker.status !== 'verified') throw new AppError('PASS_WORKER_NOT_VERIFIED');
      const at = nowIso();
      const current = await repos.passes.activePassOfWorker(worker.id);
      if (current && current.expiresAt > at) throw new AppError('PASS_ALREADY_ACTIVE');
      const compoundIds = body.scope === 'list' ? [...new Set(body.compoundIds)] : [];
      if (body.scope === 'list' && compoundIds.length === 0) throw new AppError('PASS_NO_COMPOUNDS');
      const expiresAt = this.expiryOf(body.expiresOn);
      // The first pass makes the first issuer key.
      if (!(await repos.passes.listKeys()).some((k) => k.status === 'active')) await this.newKey(repos, null);
      await repos.passes.insertPass(
        {
          id,
          workerId: worker.id,
          status: 'active',
          scope: body.scope,
          issuedAt: at,
          expiresAt,
          createdBy: ctx.actor.userId,
        },
        compoundIds,
      );
      if (body.device)
        await repos.passes.updatePass(id, 1, {
          deviceAlg: body.device.alg,
          devicePublicKey: body.device.publicKey,
          deviceRegisteredAt: at,
        });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'pass',
        entityId: id,
        entityLabel: worker.name,
        changes: diffFields(null, { ...body, compoundIds, expiresAt }, [
          'workerId',
          'scope',
          'compoundIds',
          'expiresAt',
        ]),
      });
    });
    return this.get(ctx, id);
  }

  private async writablePass(ctx: RequestContext, repos: PassesRepos, id: string, action: 'renew' | 'revoke') {
    const row = await repos.passes.getPass(passScope(ctx.actor), id);
    if (!row) throw new AppError('NOT_FOUND');
    passPolicy.authorize(ctx.actor, action, { status: statusOf(row, nowIso()) });
    return row;
  }

  async renew(ctx: RequestContext, id: string, body: PassRenewBody): Promise<PassView> {
    await this.store.tx(async (repos) => {
      const row = await this.writablePass(ctx, repos, id, 'renew');
      const expiresAt = this.expiryOf(body.expiresOn);
      await repos.passes.updatePass(id, body.version, { expiresAt });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'pass',
        entityId: id,
        entityLabel: row.workerName,
        changes: diffFields(row, { expiresAt }, ['expiresAt']),
      });
    });
    return this.get(ctx, id);
  }

  async revoke(ctx: RequestContext, id: string, body: PassRevokeBody): Promise<PassView> {
    await this.store.tx(async (repos) => {
      const row = await this.writablePass(ctx, repos, id, 'revoke');
      const patch = {
        status: 'revoked',
        revokedAt: nowIso(),
        revokedBy: ctx.actor.userId,
        revokeReason: body.reason,
      };
      await repos.passes.updatePass(id, body.version, patch);
      await repos.passes.insertRevocation(id);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'pass',
        entityId: id,
        entityLabel: row.workerName,
        changes: diffFields(row, patch, ['status', 'revokeReason']),
      });
    });
    return this.get(ctx, id);
  }

  // ——— the rider ———

  private async tokenOf(row: PassRow): Promise<string | null> {
    if (!row.devicePublicKey || !row.deviceAlg || row.status === 'revoked') return null;
    const signing = await this.signingKey();
    if (!signing) throw new AppError('PASS_NO_KEY');
    const { kid, key } = signing;
    const compounds =
      row.scope === 'all'
        ? ('ALL' as const)
        : [...((await this.store.repos.passes.compoundsOfPasses([row.id])).get(row.id) ?? [])].map((c) => c.id);
    const payload: PassPayload = {
      v: 1,
      kid,
      pid: row.id,
      wid: row.workerId,
      name: row.workerName,
      plat: row.platform,
      photo: row.photoId,
      cmp: compounds,
      iat: seconds(row.issuedAt),
      exp: seconds(row.expiresAt),
      dk: { alg: row.deviceAlg as PassPayload['dk']['alg'], x: row.devicePublicKey },
    };
    return signPass(payload, key);
  }

  /**
   * The signed token of a pass, as the rider's page gets it (GET /passes/me): for the demo data and
   * the bench, which play the rider's phone. Not a route.
   */
  async tokenForPass(passId: string): Promise<string | null> {
    const row = await this.store.repos.passes.passById(passId);
    return row ? this.tokenOf(row) : null;
  }

  async me(ctx: RequestContext): Promise<MyPass> {
    const row = await this.store.repos.passes.passOfUser(ctx.actor.userId);
    if (!row) return { pass: null, token: null, serverTime: nowIso() };
    const [view] = await this.passViews(ctx, [row]);
    return { pass: view!, token: await this.tokenOf(row), serverTime: nowIso() };
  }

  /** The rider's phone registers its device key on its pass (a new phone replaces the old key). */
  async registerDevice(ctx: RequestContext, body: DeviceRegisterBody): Promise<MyPass> {
    await this.store.tx(async (repos) => {
      const row = await repos.passes.passOfUser(ctx.actor.userId);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status === 'revoked') throw new AppError('PASS_NOT_ACTIVE');
      await repos.passes.updatePass(row.id, row.version, {
        deviceAlg: body.alg,
        devicePublicKey: body.publicKey,
        deviceRegisteredAt: nowIso(),
      });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'pass',
        entityId: row.id,
        entityLabel: row.workerName,
        changes: diffFields(row, { deviceAlg: body.alg, devicePublicKey: body.publicKey }, [
          'deviceAlg',
          'devicePublicKey',
        ]),
      });
    });
    return this.me(ctx);
  }

  async myScans(ctx: RequestContext): Promise<{ items: ScanView[] }> {
    const { passes } = this.store.repos;
    const worker = await passes.workerOfUser(ctx.actor.userId);
    if (!worker) return { items: [] };
    const rows = await passes.scansOfWorker(worker.id, 100);
    return { items: rows.map((r) => ({ ...r, offline: r.offline === 1 })) };
  }

  // ——— the guard ———

  private async post(ctx: RequestContext) {
    const post = await this.store.repos.passes.guardPost(ctx.actor.userId);
    if (!post) throw new AppError('NOT_A_GUARD');
    return post;
  }

  private async gateOf(repos: PassesRepos, post: { compoundId: string; gateId: string | null }, gateId: string | null) {
    if (!gateId) return post.gateId;
    // A scan queued offline at a gate removed since still names the gate it was made at.
    const gate = await repos.passes.gate(gateId, { withRemoved: true });
    if (!gate || gate.compoundId !== post.compoundId) throw new AppError('GATE_NOT_OF_COMPOUND');
    return gate.id;
  }

  /** The guard's post and its compound's gate ids, from the database at most every POST_CACHE_MS. */
  private async cachedPost(userId: string) {
    const at = Date.now();
    const hit = this.posts.get(userId);
    if (hit && hit.until > at) return hit;
    const { passes } = this.store.repos;
    const post = (await passes.guardPost(userId)) ?? null;
    const gates = post ? await passes.gatesOf([post.compoundId]) : [];
    const entry = { post, gateIds: new Set(gates.map((g) => g.id)), until: at + POST_CACHE_MS };
    if (this.posts.size >= 5000) this.posts.clear();
    this.posts.set(userId, entry);
    return entry;
  }

  /** The published (active) issuer keys by key id, made once per key list read. */
  private async publishedKeys(): Promise<Map<string, PublicPassKey>> {
    const { rows } = await this.keyRows();
    let keys = this.published.get(rows);
    if (!keys) {
      keys = new Map(
        rows
          .filter((r) => this.keyStatus(r) === 'active')
          .map((r) => [r.kid, { kid: r.kid, publicKey: r.publicKey, status: 'active' as const }]),
      );
      this.published.set(rows, keys);
    }
    return keys;
  }

  /**
   * Online verification: the phone's rules on the server (`readPassQr` and `passRules` of the same
   * library, signatures by node:crypto: passes.verify.ts), keys and revocation from the database, and
   * the scan log: the answer waits until the scan's row is committed (group commit: passes.scan-log.ts).
   */
  async verify(ctx: RequestContext, body: PassVerifyBody): Promise<PassVerdictView> {
    const { passes } = this.store.repos;
    const guard = await this.cachedPost(ctx.actor.userId);
    const post = guard.post;
    if (!post) throw new AppError('NOT_A_GUARD');
    const gateId =
      body.gateId !== null && guard.gateIds.has(body.gateId)
        ? body.gateId
        : await this.gateOf(this.store.repos, post, body.gateId);
    const read = this.verifier.read(body.qr);
    // The pass named in the code, if it exists: its status says whether it is revoked (one query).
    const row = 'verdict' in read ? undefined : await passes.passForScan(read.q.pass.pid);
    const r =
      'verdict' in read
        ? read
        : this.verifier.check(read, await this.publishedKeys(), {
            revocations: row?.status === 'revoked' ? [row.id] : [],
            compoundId: post.compoundId,
            now: now().getTime(),
          });
    const known = r.pass ? row : undefined;
    const scanId = newId();
    const inserted = await this.scanLog.append({
      id: scanId,
      clientId: body.clientId,
      passId: known?.id ?? null,
      workerId: known?.workerId ?? null,
      compoundId: post.compoundId,
      gateId,
      guardUserId: ctx.actor.userId,
      scannedAt: nowIso(),
      verdict: r.verdict,
      offline: 0,
    });
    const logged = inserted ? { id: scanId } : await passes.scanByClientId(body.clientId);
    return {
      verdict: r.verdict,
      passId: r.pass?.pid ?? null,
      workerName: r.pass?.name ?? null,
      platform: r.pass?.plat ?? null,
      photoId: r.pass?.photo ?? null,
      expiresAt: r.pass ? new Date(r.pass.exp * 1000).toISOString() : null,
      scanId: logged?.id ?? scanId,
      duplicate: !inserted,
    };
  }

  /** Scans made offline, uploaded once each (by the phone's client id): the verdict the phone showed. */
  async uploadScans(ctx: RequestContext, body: ScanBatchBody): Promise<{ accepted: number; duplicates: number }> {
    const post = await this.post(ctx);
    return this.store.tx(async (repos) => {
      const rows: ScanInsert[] = [];
      for (const s of body.scans) {
        const gateId = await this.gateOf(repos, post, s.gateId);
        const peeked = peekPass(s.qr.split('~')[0] ?? '');
        const known = peeked && s.verdict !== 'forged' ? await repos.passes.passById(peeked.pid) : undefined;
        rows.push({
          id: newId(),
          clientId: s.clientId,
          passId: known?.id ?? null,
          workerId: known?.workerId ?? null,
          compoundId: post.compoundId,
          gateId,
          guardUserId: ctx.actor.userId,
          scannedAt: new Date(s.scannedAt).toISOString(),
          verdict: s.verdict as PassVerdict,
          offline: 1,
        });
      }
      const accepted = (await repos.passes.insertUploadedScans(rows)).size;
      return { accepted, duplicates: rows.length - accepted };
    });
  }

  // ——— statistics ———

  async stats(ctx: RequestContext, q: ScanStatsQuery): Promise<ScanStats> {
    const rows = await this.store.repos.passes.scansForStats(passScope(ctx.actor), q, {
      from: q.from ? shanghaiDayStart(q.from) : undefined,
      to: q.to ? shanghaiDayEnd(q.to) : undefined,
    });
    const verdicts = new Map<string, number>();
    const compounds = new Map<string, { key: string; label: string; total: number; valid: number }>();
    const gates = new Map<string, { key: string; label: string; total: number; valid: number }>();
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0 }));
    for (const r of rows) {
      verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + 1);
      const valid = r.verdict === 'valid' ? 1 : 0;
      const c = compounds.get(r.compoundId) ?? { key: r.compoundId, label: r.compoundName, total: 0, valid: 0 };
      c.total++;
      c.valid += valid;
      compounds.set(r.compoundId, c);
      const gk = r.gateId ?? `${r.compoundId}:-`;
      const g = gates.get(gk) ?? { key: gk, label: `${r.compoundName} · ${r.gateName ?? '—'}`, total: 0, valid: 0 };
      g.total++;
      g.valid += valid;
      gates.set(gk, g);
      const hour = new Date(Date.parse(r.scannedAt) + BEIJING_MS).getUTCHours();
      hours[hour]!.count++;
    }
    const byTotal = (a: { total: number; label: string }, b: { total: number; label: string }) =>
      b.total - a.total || a.label.localeCompare(b.label);
    return {
      total: rows.length,
      byVerdict: [...verdicts].map(([verdict, count]) => ({ verdict, count })).sort((a, b) => b.count - a.count),
      byCompound: [...compounds.values()].sort(byTotal),
      byGate: [...gates.values()].sort(byTotal),
      byHour: hours,
    };
  }

  /** 核验记录: scans at compounds the caller manages, filtered, newest upload first (with the total). */
  async scans(ctx: RequestContext, q: ScanListQuery): Promise<ScanPage> {
    const repo = this.store.repos.passes;
    const scope = passScope(ctx.actor);
    const range = { from: q.from ? shanghaiDayStart(q.from) : undefined, to: q.to ? shanghaiDayEnd(q.to) : undefined };
    const { items, nextCursor } = await repo.listScans(scope, q, range);
    if (!q.withTotal || q.cursor) return { items, nextCursor };
    return { items, nextCursor, total: await repo.countScansIn(scope, q, range) };
  }

  // ——— the guard's roster of photos; gates (admin) ———

  /** Pass holders with a photo at the guard's compound (their photo ids), for the page's offline cache. */
  async roster(ctx: RequestContext, q: PassRosterQuery): Promise<PassRoster> {
    const post = await this.post(ctx);
    const page = await this.store.repos.passes.rosterOf(post.compoundId, nowIso(), q);
    return {
      compoundId: post.compoundId,
      items: page.items.map((r) => ({ workerId: r.id, photoId: r.photoId! })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * A pass holder's photo id, for the guard's page: the worker must hold a pass valid now at the
   * guard's compound. A caller posted nowhere (the administrator, who holds `pass.verify` too) reaches
   * the holders of a current pass in their scope. Anything else: 404.
   */
  async holderPhotoId(ctx: RequestContext, workerId: string): Promise<string> {
    const { passes } = this.store.repos;
    const post = await passes.guardPost(ctx.actor.userId);
    const at = nowIso();
    const photoId = await passes.holderPhoto(
      workerId,
      at,
      post ? { compoundId: post.compoundId } : { scope: passScope(ctx.actor) },
    );
    if (!photoId) throw new AppError('NOT_FOUND');
    return photoId;
  }

  async renameGate(ctx: RequestContext, id: string, gateId: string, body: GateUpdateBody): Promise<CompoundView> {
    await this.store.tx(async (repos) => {
      const row = await this.writableCompound(ctx, repos, id);
      const gate = await repos.passes.gate(gateId);
      if (!gate || gate.compoundId !== id) throw new AppError('NOT_FOUND');
      await repos.passes.touchCompound(id, body.version);
      await repos.passes.renameGate(id, gateId, body.name);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'compound',
        entityId: id,
        entityLabel: row.name,
        scopeOrgId: row.managingOrgId,
        changes: gate.name === body.name ? [] : [{ field: 'gates', before: gate.name, after: body.name }],
      });
    });
    return this.getCompound(ctx, id);
  }
}
