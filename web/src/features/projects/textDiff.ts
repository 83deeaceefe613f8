/** A run of text that both versions share, or that only the older (`del`) or newer (`add`) one has. */
export interface DiffPart {
  type: 'same' | 'add' | 'del';
  text: string;
}

/** Words of Latin letters and digits stay whole; every CJK character and punctuation mark is its own token. */
function tokens(s: string): string[] {
  return s.match(/[A-Za-z0-9_.%]+|\s+|[^A-Za-z0-9_.%\s]/gu) ?? [];
}

type Op = { type: DiffPart['type']; token: string };

/** Myers' O(ND) shortest edit script; null when the texts differ by more than `maxD` edits. */
function myers(a: string[], b: string[], maxD: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[], dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const snap = trace[d]!;
    const get = (k: number) => snap[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ type: 'same', token: a[x - 1]! });
      x--;
      y--;
    }
    if (x === prevX) {
      ops.push({ type: 'add', token: b[y - 1]! });
      y--;
    } else {
      ops.push({ type: 'del', token: a[x - 1]! });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push({ type: 'same', token: a[x - 1]! });
    x--;
    y--;
  }
  return ops.reverse();
}

/** The changes from `before` to `after`, merged into runs; very different texts show as replaced whole. */
export function diffText(before: string, after: string, maxD = 1200): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const mid = myers(midA, midB, maxD) ?? [
    ...midA.map((token) => ({ type: 'del' as const, token })),
    ...midB.map((token) => ({ type: 'add' as const, token })),
  ];
  const ops: Op[] = [
    ...a.slice(0, pre).map((token) => ({ type: 'same' as const, token })),
    ...mid,
    ...a.slice(a.length - suf).map((token) => ({ type: 'same' as const, token })),
  ];
  const runs: DiffPart[] = [];
  for (const op of ops) {
    const last = runs[runs.length - 1];
    if (last && last.type === op.type) last.text += op.token;
    else runs.push({ type: op.type, text: op.token });
  }
  return cleanup(runs);
}

/**
 * Readability: a tiny shared run between two changes (one or two characters that happen to match,
 * common in Chinese) is folded into the change, so a rewritten phrase reads as one deletion and one
 * insertion rather than confetti.
 */
function cleanup(runs: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let add = '';
  const flush = () => {
    if (del) out.push({ type: 'del', text: del });
    if (add) out.push({ type: 'add', text: add });
    del = '';
    add = '';
  };
  runs.forEach((r, i) => {
    if (r.type === 'del') del += r.text;
    else if (r.type === 'add') add += r.text;
    else {
      const between = i > 0 && i < runs.length - 1 && (del || add);
      if (between && [...r.text.trim()].length <= 2) {
        del += r.text;
        add += r.text;
      } else {
        flush();
        out.push(r);
      }
    }
  });
  flush();
  return out;
}
