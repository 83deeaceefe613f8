import dayjs, { type Dayjs } from 'dayjs';
import type { FormInstance } from 'antd';
import {
  declarationContentSchema,
  FIELD_MESSAGES,
  type DeclarationContent,
  type FieldMessage,
  type Locale,
  type TargetGroup,
} from '@touyan/schemas';
import { issueMessage } from '../../components/forms';

/** The values of the `declaration` form (money in yuan, dates as dayjs). */
export interface DeclarationFormValues {
  campaignId?: string;
  orgId?: string;
  title?: string;
  theme?: string;
  targetGroup?: TargetGroup | null;
  problem?: string;
  reachCount?: number | null;
  reachUnit?: string;
  reachRationale?: string;
  objectives?: string;
  measures?: string;
  milestones?: { name?: string; dueDate?: Dayjs | null }[];
  indicators?: {
    name?: string;
    unit?: string;
    baseline?: number | null;
    target?: number | null;
    /** A service figure's key (the actual follows the records), or null: entered by hand. */
    figure?: string | null;
    figureFrom?: string | null;
    figureTo?: string | null;
    /** The organisation whose subtree is counted (in the declaring one's), or null: the declaring one. */
    figureOrgId?: string | null;
  }[];
  team?: { name?: string; role?: string | null; userId?: string | null }[];
  partners?: string[];
  fundingYuan?: number | null;
  fundingSource?: string;
  attachmentIds?: string[];
}

export type FieldPath = (string | number)[];

export function toFormValues(c: DeclarationContent | null | undefined): DeclarationFormValues {
  if (!c) return { milestones: [], indicators: [], team: [], partners: [], attachmentIds: [] };
  return {
    title: c.title,
    theme: c.theme || undefined,
    targetGroup: c.targetGroup,
    problem: c.problem,
    reachCount: c.reachCount,
    reachUnit: c.reachUnit,
    reachRationale: c.reachRationale,
    objectives: c.objectives,
    measures: c.measures,
    milestones: c.milestones.map((m) => ({ name: m.name, dueDate: m.dueDate ? dayjs(m.dueDate) : null })),
    indicators: c.indicators.map((i) => ({ ...i })),
    team: c.team.map((m) => ({ ...m })),
    partners: [...c.partners],
    fundingYuan: c.fundingFen === null ? null : c.fundingFen / 100,
    fundingSource: c.fundingSource,
    attachmentIds: [...c.attachmentIds],
  };
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const emptyRow = (row: object | undefined) => !row || Object.values(row).every(blank);
/** Empty text becomes undefined so Zod says 必填 instead of 格式不正确. */
const text = (v: string | null | undefined) => (blank(v) ? undefined : v);

/** The raw content to validate: rows left completely empty are dropped, yuan become integer fen. */
export function toContentInput(v: DeclarationFormValues, challengeId: string | null): Record<string, unknown> {
  return {
    title: text(v.title),
    theme: v.theme ?? '',
    targetGroup: v.targetGroup ?? null,
    problem: v.problem ?? '',
    challengeId,
    reachCount: v.reachCount ?? null,
    reachUnit: v.reachUnit ?? '',
    reachRationale: v.reachRationale ?? '',
    objectives: v.objectives ?? '',
    measures: v.measures ?? '',
    milestones: (v.milestones ?? [])
      .filter((m) => !emptyRow(m))
      .map((m) => ({ name: text(m.name), dueDate: m.dueDate ? m.dueDate.format('YYYY-MM-DD') : undefined })),
    indicators: (v.indicators ?? [])
      .filter((i) => !emptyRow(i))
      .map((i) => ({
        name: text(i.name),
        unit: text(i.unit),
        baseline: i.baseline ?? undefined,
        target: i.target ?? undefined,
        figure: i.figure || null,
        figureFrom: i.figureFrom ?? null,
        figureTo: i.figureTo ?? null,
        figureOrgId: i.figure ? (i.figureOrgId ?? null) : null,
      })),
    team: (v.team ?? [])
      .filter((m) => !emptyRow({ name: m.name, role: m.role }))
      .map((m) => ({ name: text(m.name), role: text(m.role) ?? null, userId: m.userId ?? null })),
    partners: (v.partners ?? []).map((p) => p.trim()).filter(Boolean),
    fundingFen: v.fundingYuan === null || v.fundingYuan === undefined ? null : Math.round(Number(v.fundingYuan) * 100),
    fundingSource: v.fundingSource ?? '',
    attachmentIds: v.attachmentIds ?? [],
  };
}

/**
 * Where a content path shows its message in the form: list rows keep their index, single values of
 * a tag list go to the list, fen go to the yuan input.
 */
export function formPath(path: readonly PropertyKey[]): FieldPath {
  const p = path.map((s) => (typeof s === 'number' ? s : String(s)));
  if (p[0] === 'content') p.shift();
  if (p[0] === 'fundingFen') return ['fundingYuan'];
  if (p[0] === 'partners' || p[0] === 'attachmentIds') return [p[0]];
  return p;
}

/** Parses with the shared schema; on failure puts the translated messages under the fields. */
export function parseDeclaration(
  input: Record<string, unknown>,
  form: FormInstance,
  locale: Locale,
): DeclarationContent | null {
  const r = declarationContentSchema.safeParse(input);
  if (r.success) return r.data;
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const issue of r.error.issues) {
    const name = formPath(issue.path);
    const key = JSON.stringify(name);
    if (byField.has(key)) continue;
    let value: unknown = input;
    for (const seg of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[seg as PropertyKey];
    byField.set(key, { name, errors: [issueMessage(issue, value, locale)] });
  }
  const fields = [...byField.values()];
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return null;
}

/** Shows an API error's `fields` (e.g. `{ problem: '必填' }`) under the declaration form's fields. */
export function applyDeclarationErrors(form: FormInstance, fields: Record<string, string>, locale: Locale): boolean {
  const entries = Object.entries(fields);
  if (!entries.length) return false;
  const list = entries.map(([path, m]) => ({
    name: formPath(path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
    errors: [m in FIELD_MESSAGES ? FIELD_MESSAGES[m as FieldMessage][locale] : m],
  }));
  form.setFields(list);
  if (list[0]) form.scrollToField(list[0].name, { block: 'center' });
  return true;
}

/** The paths of the leaves that changed (`changedValues` of onValuesChange; list changes are sparse). */
function changedLeaves(v: unknown, prefix: FieldPath = []): FieldPath[] {
  if (v !== null && typeof v === 'object' && !dayjs.isDayjs(v)) {
    const entries = Array.isArray(v)
      ? v.flatMap((x, i) => (x === undefined ? [] : ([[i, x]] as [number, unknown][])))
      : Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, x]) => changedLeaves(x, [...prefix, k]));
  }
  return [prefix];
}

const startsWith = (a: FieldPath, b: FieldPath) => b.length <= a.length && b.every((s, i) => a[i] === s);

/**
 * Clears the messages of the fields a change touched (messages set from a submit or the server
 * stay until the user edits the field; most declaration fields have no rules of their own).
 */
export function clearTouchedErrors(form: FormInstance, changed: unknown): void {
  const leaves = changedLeaves(changed);
  const stale = form
    .getFieldsError()
    .filter((f) => f.errors.length > 0 && leaves.some((p) => startsWith(p, f.name) || startsWith(f.name, p)));
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}

/**
 * Where a campaign's declaration window stands: the server's `windowOpen` (the clock its submit
 * check uses) decides whether a declaration can be submitted now; today's Beijing date only says
 * which way it is shut — not open yet, or past its closing day.
 */
export type DeclarationWindowState = 'open' | 'not_yet' | 'closed' | 'ended' | 'outside';

export function declarationWindowState(
  campaign: { windowOpen: boolean; status: string; declareFrom: string; declareTo: string },
  today: string,
): DeclarationWindowState {
  if (campaign.windowOpen) return 'open';
  if (campaign.status !== 'published') return 'ended';
  if (today < campaign.declareFrom) return 'not_yet';
  if (today > campaign.declareTo) return 'closed';
  return 'outside';
}
