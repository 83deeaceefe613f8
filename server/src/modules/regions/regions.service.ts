import type { RegionCreateBody, RegionView } from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import type { Store } from '../../store';
import { regionPolicy } from './regions.policy';
import type { RegionRow } from './regions.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type RegionsStore = Store<'audit' | 'regions'>;
type RegionsRepos = RegionsStore['repos'];

export class RegionsService {
  constructor(private readonly store: RegionsStore) {}

  private async view(repos: RegionsRepos, row: RegionRow, ctx: RequestContext): Promise<RegionView> {
    const names = await repos.regions.pathNames(row.code);
    return {
      code: row.code,
      name: row.name,
      parentCode: row.parentCode,
      level: row.level,
      fullName: names.join(''),
      hasChildren: row.childCount > 0,
      version: row.version,
      abilities: regionPolicy.abilities(ctx.actor, row),
    };
  }

  async list(ctx: RequestContext, q: { parent?: string; q?: string }): Promise<{ items: RegionView[] }> {
    const rows = q.q
      ? await this.store.repos.regions.search(q.q)
      : await this.store.repos.regions.children(q.parent ?? null);
    const items = [];
    for (const r of rows) items.push(await this.view(this.store.repos, r, ctx));
    return { items };
  }

  async get(ctx: RequestContext, code: string): Promise<RegionView> {
    const row = await this.store.repos.regions.get(code);
    if (!row) throw notFound();
    return this.view(this.store.repos, row, ctx);
  }

  async create(ctx: RequestContext, body: RegionCreateBody): Promise<RegionView> {
    return this.store.tx(async (repos) => {
      regionPolicy.authorize(ctx.actor, 'createChild', null);
      if (await repos.regions.get(body.code)) throw new AppError('DUPLICATE', { code: 'invalid' });
      let level = 1;
      if (body.parentCode) {
        const parent = await repos.regions.get(body.parentCode);
        if (!parent) throw new AppError('VALIDATION_FAILED', { parentCode: 'invalid' });
        level = parent.level + 1;
      }
      await repos.regions.insert({ code: body.code, name: body.name, parentCode: body.parentCode, level });
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'region',
        entityId: body.code,
        entityLabel: body.name,
        changes: diffFields(null, { code: body.code, name: body.name, parentCode: body.parentCode }, [
          'code',
          'name',
          'parentCode',
        ]),
      });
      return this.view(repos, (await repos.regions.get(body.code))!, ctx);
    });
  }

  async rename(ctx: RequestContext, code: string, name: string, version: number): Promise<RegionView> {
    return this.store.tx(async (repos) => {
      const before = await repos.regions.get(code);
      if (!before) throw notFound();
      regionPolicy.authorize(ctx.actor, 'update', before);
      await repos.regions.rename(code, name, version);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'region',
        entityId: code,
        entityLabel: name,
        changes: diffFields({ name: before.name }, { name }, ['name']),
      });
      return this.view(repos, (await repos.regions.get(code))!, ctx);
    });
  }

  async move(ctx: RequestContext, code: string, parentCode: string | null, version: number): Promise<RegionView> {
    return this.store.tx(async (repos) => {
      const before = await repos.regions.get(code);
      if (!before) throw notFound();
      regionPolicy.authorize(ctx.actor, 'move', before);
      if (parentCode) {
        if (!(await repos.regions.get(parentCode))) throw new AppError('VALIDATION_FAILED', { parentCode: 'invalid' });
        if (await repos.regions.contains(code, parentCode)) throw new AppError('TREE_CYCLE');
      }
      await repos.regions.move(code, parentCode, version);
      await repos.audit.record(auditCtx(ctx), {
        action: 'move',
        entityType: 'region',
        entityId: code,
        entityLabel: before.name,
        changes: diffFields({ parentCode: before.parentCode }, { parentCode }, ['parentCode']),
      });
      return this.view(repos, (await repos.regions.get(code))!, ctx);
    });
  }
}
