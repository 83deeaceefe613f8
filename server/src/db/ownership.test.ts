import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_OWNERS } from './ownership';

const MODULES = path.resolve(__dirname, '../modules');

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every table a source text writes: Kysely writes, the versioned-update helpers, raw SQL writes. */
export function writtenTables(source: string): string[] {
  const patterns = [
    /\.(?:insertInto|updateTable|deleteFrom)\(\s*'([A-Za-z_]+)(?: as \w+)?'/g,
    /\b(?:updateVersioned|updateBumping)\(\s*[\w.]+,\s*'([A-Za-z_]+)'/g,
    /\b(?:insert\s+into|delete\s+from)\s+([a-z_]+)\b/gi,
    /\bupdate\s+([a-z_]+)\s+set\b/gi,
  ];
  const out = new Set<string>();
  for (const re of patterns) for (const m of source.matchAll(re)) out.add(camel(m[1]!));
  return [...out];
}

/** `module/file.repository.ts: writes table (owned by …)` for each write outside the module's tables. */
export function ownershipViolations(module: string, file: string, source: string): string[] {
  const owners = TABLE_OWNERS as Record<string, string>;
  return writtenTables(source)
    .filter((t) => owners[t] !== module)
    .map((t) => `${module}/${file}: writes ${t} (owned by ${owners[t] ?? 'no module: add it to TABLE_OWNERS'})`);
}

function repositories(): { module: string; file: string; source: string }[] {
  return readdirSync(MODULES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(MODULES, d.name))
        .filter((f) => f.endsWith('.repository.ts'))
        .map((file) => ({ module: d.name, file, source: readFileSync(path.join(MODULES, d.name, file), 'utf8') })),
    );
}

describe('table ownership', () => {
  it('every repository writes only the tables its module owns (db/ownership.ts)', () => {
    const found = repositories();
    expect(found.length).toBeGreaterThan(15);
    expect(found.flatMap((r) => ownershipViolations(r.module, r.file, r.source))).toEqual([]);
  });

  it('finds every kind of write, so a repository writing another module’s table fails', () => {
    const source = `
      await this.db.insertInto('indicatorActuals').values(a).execute();
      await this.db
        .updateTable('challenges as h')
        .set({ status: 'solved' });
      await this.db.deleteFrom('loginThrottle').where('userId', '=', id).execute();
      await updateVersioned(this.db, 'projects', { id }, version, patch);
      await sql\`update quarterly_reports set status = 'filed'\`.execute(this.db);
      await this.db.selectFrom('users').selectAll().execute();`;
    expect(writtenTables(source).sort()).toEqual(
      ['challenges', 'indicatorActuals', 'loginThrottle', 'projects', 'quarterlyReports'].sort(),
    );
    expect(ownershipViolations('projects', 'projects.repository.ts', source)).toEqual([
      'projects/projects.repository.ts: writes indicatorActuals (owned by execution)',
      'projects/projects.repository.ts: writes challenges (owned by challenges)',
      'projects/projects.repository.ts: writes loginThrottle (owned by auth)',
      'projects/projects.repository.ts: writes quarterlyReports (owned by execution)',
    ]);
  });

  it('names a table without an owner as such', () => {
    expect(ownershipViolations('home', 'home.repository.ts', `this.db.insertInto('dashboards')`)).toEqual([
      'home/home.repository.ts: writes dashboards (owned by no module: add it to TABLE_OWNERS)',
    ]);
  });
});
