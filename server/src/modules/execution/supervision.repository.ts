import type { Selectable } from 'kysely';
import type { Executor } from '../../db/closure';
import { updateVersioned } from '../../db/repo-helpers';
import type { SupervisionNoticesTable } from '../../db/types';

export type SupervisionRow = Selectable<SupervisionNoticesTable> & {
  projectTitle: string;
  issuedByName: string | null;
  answeredByName: string | null;
};

/** Supervision notices (督办): issued by staff, answered by the secretary, closed by staff. */
export class SupervisionRepository {
  constructor(private readonly db: Executor) {}

  private base() {
    return this.db
      .selectFrom('supervisionNotices as s')
      .innerJoin('projects as p', 'p.id', 's.projectId')
      .leftJoin('users as iu', 'iu.id', 's.issuedBy')
      .leftJoin('users as au', 'au.id', 's.answeredBy')
      .selectAll('s')
      .select(['p.title as projectTitle', 'iu.displayName as issuedByName', 'au.displayName as answeredByName']);
  }

  forProject(projectId: string): Promise<SupervisionRow[]> {
    return this.base().where('s.projectId', '=', projectId).orderBy('s.id', 'desc').execute();
  }

  get(id: string): Promise<SupervisionRow | undefined> {
    return this.base().where('s.id', '=', id).executeTakeFirst();
  }

  async insert(row: Omit<Selectable<SupervisionNoticesTable>, 'version'>) {
    await this.db.insertInto('supervisionNotices').values(row).execute();
  }

  /** Moves a notice on if it is still in one of `from` at the given version; 409 otherwise. */
  async advance(
    id: string,
    version: number,
    from: readonly string[],
    patch: Partial<Pick<SupervisionRow, 'status' | 'answer' | 'answeredBy' | 'answeredAt' | 'closeComment'>>,
  ) {
    await updateVersioned(this.db, 'supervisionNotices', { id }, version, patch, {
      touch: false,
      guard: (eb) => eb('status', 'in', [...from]),
    });
  }
}
