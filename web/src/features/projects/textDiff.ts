import { diffArrays } from 'diff';

/** A run of text that both versions share, or that only the older (`del`) or newer (`add`) one has. */
export interface DiffPart {
  type: 'same' | 'add' | 'del';
  text: string;
}

/** Words of Latin letters and digits stay whole; every CJK character and punctuation mark is its own token. */
function tokens(s: string): string[] {
  return s.match(/[A-Za-z0-9_.%]+|\s+|[^A-Za-z0-9_.%\s]/gu) ?? [];
}

/** The changes from `before` to `after`, merged into runs; very different texts show as replaced whole. */
export function diffText(before: string, after: string, maxD = 1200): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  // Myers' shortest edit script over the tokens (jsdiff); undefined when more than `maxD` edits apart.
  const changes = diffArrays(a, b, { maxEditLength: maxD }) ?? [
    { value: a, added: false, removed: true, count: a.length },
    { value: b, added: true, removed: false, count: b.length },
  ];
  const runs: DiffPart[] = [];
  for (const c of changes) {
    const text = c.value.join('');
    if (!text) continue;
    const type: DiffPart['type'] = c.added ? 'add' : c.removed ? 'del' : 'same';
    const last = runs[runs.length - 1];
    if (last && last.type === type) last.text += text;
    else runs.push({ type, text });
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
