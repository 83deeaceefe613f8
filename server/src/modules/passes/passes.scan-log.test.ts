import { describe, expect, it } from 'vitest';
import type { ScanInsert } from './passes.repository';
import { ScanLog } from './passes.scan-log';

const row = (clientId: string): ScanInsert => ({
  id: `id-${clientId}`,
  clientId,
  passId: null,
  workerId: null,
  compoundId: 'C1',
  gateId: null,
  guardUserId: 'U1',
  scannedAt: '2026-05-01T08:00:00.000Z',
  verdict: 'forged',
  offline: 0,
});

/** A table with a unique client id, written as the repository's insertScans writes it. */
function fakeTable(opts: { failClientId?: string } = {}) {
  const stored = new Map<string, ScanInsert>();
  const calls: string[][] = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const write = async (rows: ScanInsert[]) => {
    calls.push(rows.map((r) => r.clientId));
    if (gate) await gate;
    if (rows.some((r) => r.clientId === opts.failClientId)) throw new Error('bad row');
    const inserted = new Set<string>();
    for (const r of rows) {
      if (stored.has(r.clientId)) continue;
      stored.set(r.clientId, r);
      inserted.add(r.clientId);
    }
    return inserted;
  };
  return {
    stored,
    calls,
    write,
    /** Holds every write until `open()` (a commit in progress). */
    hold() {
      gate = new Promise((r) => (release = r));
    },
    open() {
      release?.();
      gate = null;
    },
  };
}

describe('scan log group commit (passes.scan-log.ts)', () => {
  it('writes the scans that arrive together in one statement and answers each whether it was inserted', async () => {
    const table = fakeTable();
    const log = new ScanLog(table.write);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((id) => log.append(row(id))));
    expect(answers).toEqual([true, true, true, true]);
    expect(table.calls).toEqual([['a', 'b', 'c', 'd']]);
    expect([...table.stored.keys()]).toEqual(['a', 'b', 'c', 'd']);
  });

  it('answers only after the write has committed', async () => {
    const table = fakeTable();
    table.hold();
    const log = new ScanLog(table.write);
    let answered = false;
    const p = log.append(row('a')).then((v) => {
      answered = true;
      return v;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(table.calls).toEqual([['a']]);
    expect(answered).toBe(false);
    expect(table.stored.size).toBe(0);
    table.open();
    expect(await p).toBe(true);
    expect(table.stored.has('a')).toBe(true);
  });

  it('collects the scans that arrive during a commit into the next one', async () => {
    const table = fakeTable();
    table.hold();
    const log = new ScanLog(table.write);
    const first = log.append(row('a'));
    await new Promise((r) => setTimeout(r, 5));
    const later = ['b', 'c', 'd'].map((id) => log.append(row(id)));
    table.open();
    expect(await Promise.all([first, ...later])).toEqual([true, true, true, true]);
    expect(table.calls).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('logs a client id once: a repeat in the same batch or a later one is a duplicate', async () => {
    const table = fakeTable();
    const log = new ScanLog(table.write);
    const answers = await Promise.all(['a', 'b', 'a', 'a'].map((id) => log.append(row(id))));
    expect(answers).toEqual([true, true, false, false]);
    expect(table.calls).toEqual([['a', 'b']]);
    expect(await log.append(row('b'))).toBe(false);
    expect(table.stored.size).toBe(2);
  });

  it('when a batch fails, writes its rows one by one: only the bad row fails', async () => {
    const table = fakeTable({ failClientId: 'bad' });
    const log = new ScanLog(table.write);
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((id) => log.append(row(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([...table.stored.keys()].sort()).toEqual(['a', 'c']);
    expect(table.calls).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('a lone scan whose write fails is refused (its request answers an error, nothing is said logged)', async () => {
    const table = fakeTable({ failClientId: 'bad' });
    const log = new ScanLog(table.write);
    await expect(log.append(row('bad'))).rejects.toThrow('bad row');
    expect(table.stored.size).toBe(0);
    expect(await log.append(row('ok'))).toBe(true);
  });
});
