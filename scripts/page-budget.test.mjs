import { describe, expect, it } from 'vitest';
import { ENTRY, PAGES, firstLoadFiles, firstLoadKeys, formatTable, measure } from './page-budget.mjs';

/** A manifest shaped like Vite's: the entry, a shared vendor chunk, a lazy app with a lazy page of its own. */
const manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_react.js'],
    dynamicImports: ['src/App.tsx', 'src/Login.tsx'],
    css: ['assets/index.css'],
  },
  '_react.js': { file: 'assets/react.js', imports: ['_runtime.js'] },
  '_runtime.js': { file: 'assets/runtime.js' },
  'src/Login.tsx': { file: 'assets/Login.js', isDynamicEntry: true, imports: ['_react.js', '_small.js'] },
  '_small.js': { file: 'assets/small.js' },
  'src/App.tsx': {
    file: 'assets/App.js',
    isDynamicEntry: true,
    imports: ['_antd.js', '_react.js'],
    dynamicImports: ['src/Home.tsx', 'src/Big.tsx'],
  },
  '_antd.js': { file: 'assets/antd.js', imports: ['_react.js'] },
  'src/Home.tsx': { file: 'assets/Home.js', isDynamicEntry: true, imports: ['_antd.js', '_table.js'] },
  '_table.js': { file: 'assets/table.js', imports: ['_antd.js'] },
  'src/Big.tsx': { file: 'assets/Big.js', isDynamicEntry: true, imports: ['_charts.js'] },
  '_charts.js': { file: 'assets/charts.js' },
  'logo.svg': { file: 'assets/logo.svg' },
};

/** Sizes made up from the name: 1,000 raw bytes and 100 gzip bytes per letter. */
const sizeOf = (file) => {
  const n = file.replace('assets/', '').replace(/\.\w+$/, '').length;
  return { raw: n * 1000, gz: n * 100 };
};

describe('page budget: the JS a page loads first', () => {
  it('takes the entry and the page’s lazy modules with their static imports, transitively, each once', () => {
    expect(firstLoadKeys(manifest, [ENTRY, 'src/Login.tsx']).sort()).toEqual(
      ['_react.js', '_runtime.js', '_small.js', 'index.html', 'src/Login.tsx'].sort(),
    );
    expect(firstLoadFiles(manifest, [ENTRY, 'src/App.tsx', 'src/Home.tsx']).sort()).toEqual(
      [
        'assets/App.js',
        'assets/Home.js',
        'assets/antd.js',
        'assets/index.js',
        'assets/react.js',
        'assets/runtime.js',
        'assets/table.js',
      ].sort(),
    );
  });

  it('does not follow dynamic imports: another page’s chunks and charts stay out', () => {
    const files = firstLoadFiles(manifest, [ENTRY, 'src/App.tsx', 'src/Home.tsx']);
    expect(files).not.toContain('assets/charts.js');
    expect(files).not.toContain('assets/Login.js');
    expect(firstLoadFiles(manifest, [ENTRY])).toEqual(['assets/index.js', 'assets/react.js', 'assets/runtime.js']);
  });

  it('sums the sizes and fails a page over its budget or whose module is not in the manifest', () => {
    const pages = [
      { name: 'login', path: '/login', kind: 'phone', modules: ['src/Login.tsx'] },
      { name: 'home', path: '/', kind: 'admin', modules: ['src/App.tsx', 'src/Home.tsx'] },
      { name: 'gone', path: '/gone', kind: 'phone', modules: ['src/Gone.tsx'] },
    ];
    const rows = measure(manifest, sizeOf, pages, { phone: 2, admin: 3 });
    // login: index 5 + react 5 + runtime 7 + Login 5 + small 5 = 27 letters → 2.7 KB gz, budget 2 KB.
    expect(rows[0]).toMatchObject({ gz: 2700, raw: 27000, budgetKb: 2, ok: false });
    expect(rows[0].files).toHaveLength(5);
    // home: index 5 + react 5 + runtime 7 + App 3 + antd 4 + Home 4 + table 5 = 33 → 3.3 KB, budget 3 KB.
    expect(rows[1]).toMatchObject({ gz: 3300, ok: false });
    expect(measure(manifest, sizeOf, pages.slice(0, 2), { phone: 3, admin: 4 }).every((r) => r.ok)).toBe(true);
    expect(rows[2].ok).toBe(false);
    expect(rows[2].error).toContain('"src/Gone.tsx" is not in the Vite manifest');
    const table = formatTable(rows);
    expect(table).toMatch(/login\s+\/login\s+5\s+27\.0\s+2\.7\s+2\s+OVER/);
    expect(table).toContain('ERROR gone');
  });

  it('names every page’s kind with a budget', () => {
    for (const p of PAGES) expect(['phone', 'admin']).toContain(p.kind);
    expect(new Set(PAGES.map((p) => p.name)).size).toBe(PAGES.length);
  });
});
