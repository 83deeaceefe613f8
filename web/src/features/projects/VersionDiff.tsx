import type { HTMLAttributes, ReactNode } from 'react';
import { Empty, Table, Typography } from 'antd';
import {
  DECLARATION_FIELDS,
  TARGET_GROUPS,
  type ContentChange,
  type DeclarationContent,
  type TargetGroup,
} from '@touyan/schemas';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useLocale, useT } from '../../i18n';
import { formatNumber, formatYuan } from './display';
import { diffText } from './textDiff';

type C = DeclarationContent;
const none = <Typography.Text type="secondary">—</Typography.Text>;

const TEXT_FIELDS = new Set<keyof C>([
  'title',
  'problem',
  'reachUnit',
  'reachRationale',
  'objectives',
  'measures',
  'fundingSource',
]);

/** Both sides of a text change, with the removed runs marked on the left and the added ones on the right. */
function textSides({ before, after }: { before: string; after: string }): [ReactNode, ReactNode] {
  const parts = diffText(before, after);
  const side = (keep: 'del' | 'add') =>
    before === '' && keep === 'del' ? (
      none
    ) : after === '' && keep === 'add' ? (
      none
    ) : (
      <div className="ty-prewrap">
        {parts
          .filter((p) => p.type === 'same' || p.type === keep)
          .map((p, i) =>
            p.type === 'same' ? (
              <span key={i}>{p.text}</span>
            ) : (
              <span key={i} className={keep === 'del' ? 'ty-diff-del' : 'ty-diff-add'}>
                {p.text}
              </span>
            ),
          )}
      </div>
    );
  return [side('del'), side('add')];
}

/** Lists compared as multisets: rows only in the older version are struck out, rows only in the newer are marked new. */
function listSides({ before, after }: { before: string[]; after: string[] }): [ReactNode, ReactNode] {
  const marks = (items: string[], other: string[], cls: string) => {
    const pool = [...other];
    return items.map((text) => {
      const at = pool.indexOf(text);
      if (at >= 0) pool.splice(at, 1);
      return { text, changed: at < 0, cls };
    });
  };
  const render = (rows: { text: string; changed: boolean; cls: string }[]) =>
    rows.length === 0 ? (
      none
    ) : (
      <ol className="ty-diff-list">
        {rows.map((r, i) => (
          <li key={i}>{r.changed ? <span className={r.cls}>{r.text}</span> : r.text}</li>
        ))}
      </ol>
    );
  return [render(marks(before, after, 'ty-diff-del')), render(marks(after, before, 'ty-diff-add'))];
}

function wholeSides({ before, after }: { before: string; after: string }): [ReactNode, ReactNode] {
  return [
    before ? <span className="ty-diff-del">{before}</span> : none,
    after ? <span className="ty-diff-add">{after}</span> : none,
  ];
}

/**
 * The field-by-field comparison of two versions (`changes` from GET …/versions/compare), in a table
 * with one row per changed field; milestones, indicators and the team read as lists.
 */
export function VersionDiff({
  a,
  b,
  changes,
  themeName,
  challengeTitle,
}: {
  a: number;
  b: number;
  changes: ContentChange[];
  themeName: (code: string) => string;
  challengeTitle: string | null;
}) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const isMobile = useIsMobile();

  const asList = (field: keyof C, v: unknown): string[] => {
    switch (field) {
      case 'milestones':
        return ((v as C['milestones'] | null) ?? []).map((m) =>
          t('projects.withNote', { name: m.name, note: m.dueDate }),
        );
      case 'indicators':
        return ((v as C['indicators'] | null) ?? []).map((i) =>
          t('projects.labelled', {
            label: i.name,
            value: `${formatNumber(i.baseline, locale)} → ${formatNumber(i.target, locale)} ${i.unit}`,
          }),
        );
      case 'team':
        return ((v as C['team'] | null) ?? []).map((m) =>
          m.role ? t('projects.withNote', { name: m.name, note: m.role }) : m.name,
        );
      case 'partners':
        return (v as string[] | null) ?? [];
      case 'attachmentIds':
        return ((v as string[] | null) ?? []).map((id) => t('projects.attachmentId', { id: id.slice(-6) }));
      default:
        return [];
    }
  };

  const scalar = (field: keyof C, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '';
    switch (field) {
      case 'theme':
        return themeName(String(v));
      case 'targetGroup':
        return label(TARGET_GROUPS, v as TargetGroup);
      case 'challengeId':
        return challengeTitle ?? t('projects.challengeLinked');
      case 'reachCount':
        return formatNumber(Number(v), locale);
      case 'fundingFen':
        return formatYuan(Number(v), locale);
      default:
        return String(v);
    }
  };

  const sides = (c: ContentChange): [ReactNode, ReactNode] => {
    if (TEXT_FIELDS.has(c.field)) return textSides({ before: String(c.before ?? ''), after: String(c.after ?? '') });
    if (Array.isArray(c.before) || Array.isArray(c.after)) {
      return listSides({ before: asList(c.field, c.before), after: asList(c.field, c.after) });
    }
    return wholeSides({ before: scalar(c.field, c.before), after: scalar(c.field, c.after) });
  };

  const rows = changes.map((c) => {
    const [before, after] = sides(c);
    return { key: c.field, field: c.field, before, after };
  });

  const fieldLabel = (f: keyof C) => (f === 'fundingFen' ? t('projects.field.funding') : label(DECLARATION_FIELDS, f));

  if (isMobile) {
    // Phones: each field stacked, older version above the newer one.
    return (
      <div data-testid="version-diff" className="ty-diff-stack">
        {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.diff.same')} />}
        {rows.map((r) => (
          <section key={r.key} data-testid={`diff-${r.field}`} className="ty-diff-card">
            <div className="ty-diff-card-title">{fieldLabel(r.field)}</div>
            <div className="ty-diff-card-label">{t('projects.diff.version', { n: a })}</div>
            <div>{r.before}</div>
            <div className="ty-diff-card-label">{t('projects.diff.version', { n: b })}</div>
            <div>{r.after}</div>
          </section>
        ))}
      </div>
    );
  }

  return (
    <div data-testid="version-diff">
      <Table
        className="ty-diff-table"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': `diff-${r.field}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.diff.same')} /> }}
        columns={[
          {
            title: t('projects.diff.field'),
            dataIndex: 'field',
            width: 130,
            render: (f: keyof C) => <strong>{fieldLabel(f)}</strong>,
          },
          { title: t('projects.diff.version', { n: a }), dataIndex: 'before', render: (n: ReactNode) => n },
          { title: t('projects.diff.version', { n: b }), dataIndex: 'after', render: (n: ReactNode) => n },
        ]}
      />
    </div>
  );
}
