import type { Executor } from '../../db/closure';
import { likeContains, toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import type { SubtreeScope } from '../../core/scope';
import { nowIso } from '../../core/time';

export class InstructorsRepository {
  constructor(private readonly db: Executor) {}

  async list(scope: SubtreeScope, q?: string) {
    let query = this.db
      .selectFrom('instructors as i')
      .innerJoin('partyOrgs as o', 'o.id', 'i.partyOrgId')
      .selectAll('i')
      .select('o.name as partyOrgName')
      .select((eb) =>
        eb
          .selectFrom('hostOrgs as h')
          .whereRef('h.instructorId', '=', 'i.id')
          .where('h.deletedAt', 'is', null)
          .select(eb.fn.countAll().as('n'))
          .as('hostOrgCount'),
      )
      .where(underScope('i.partyOrgId', scope));
    if (q) query = query.where(likeContains(this.db, 'i.name', q));
    const rows = await query.orderBy('i.name').limit(500).execute();
    return rows.map((r) => ({ ...r, hostOrgCount: toInt(r.hostOrgCount) }));
  }

  async exists(id: string): Promise<boolean> {
    return !!(await this.db.selectFrom('instructors').select('id').where('id', '=', id).executeTakeFirst());
  }

  async insert(
    row: { id: string; name: string; mobileEnc: string; partyOrgId: string; title: string | null },
    by: string,
  ) {
    const now = nowIso();
    await this.db
      .insertInto('instructors')
      .values({ ...row, createdAt: now, updatedAt: now, createdBy: by })
      .execute();
  }
}
