import { useState } from 'react';
import {
  DEMAND_CATEGORIES,
  DEMAND_CATEGORY_CODES,
  VISIT_DEMAND_DESCRIPTION_MAX,
  VISIT_DEMANDS_MAX,
  type DemandCategory,
} from '@touyan/schemas/plain';
import type { VisitDemandItem } from '@touyan/schemas';
import { Button } from '../../components/light/ui';
import { useLabel, useT } from '../../i18n';

/** A demand being written on the phone page or the firm's online form. */
export interface DemandDraft {
  key: number;
  category: DemandCategory | null;
  title: string;
  description: string;
  /** Yuan, as typed (financing only). */
  amountYuan: string;
}

const AMOUNT = /^\d{1,11}(\.\d{1,2})?$/;

/** What is missing or wrong in a draft, by field (empty when it is complete). */
export function draftProblems(d: DemandDraft): Partial<Record<'category' | 'title' | 'description' | 'amount', true>> {
  const p: Partial<Record<'category' | 'title' | 'description' | 'amount', true>> = {};
  if (!d.category) p.category = true;
  if (!d.title.trim()) p.title = true;
  if (!d.description.trim()) p.description = true;
  if (d.category === 'factor_finance' && d.amountYuan.trim() && !AMOUNT.test(d.amountYuan.trim())) p.amount = true;
  return p;
}

/** The request items (amount in fen, financing only). Call after every draft passed `draftProblems`. */
export function draftItems(drafts: readonly DemandDraft[]): VisitDemandItem[] {
  return drafts.map((d) => {
    const yuan = d.category === 'factor_finance' ? d.amountYuan.trim() : '';
    const [whole = '0', cents = ''] = yuan.split('.');
    return {
      category: d.category!,
      title: d.title.trim(),
      description: d.description.trim(),
      amountAskedFen: yuan ? Number(whole) * 100 + Number(cents.padEnd(2, '0')) : null,
    };
  });
}

/**
 * Demands (诉求) listed with a visit: tap 添加诉求, tap a category, type the title and what is needed
 * (and the amount for 融资). Up to VISIT_DEMANDS_MAX.
 */
export function DemandItems({
  value,
  onChange,
  showErrors,
}: {
  value: DemandDraft[];
  onChange: (v: DemandDraft[]) => void;
  showErrors: boolean;
}) {
  const t = useT();
  const label = useLabel();
  const [next, setNext] = useState(1);
  const set = (key: number, patch: Partial<DemandDraft>) =>
    onChange(value.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  return (
    <div className="ty-field-demands" data-testid="demand-items">
      <div className="ty-field-label">{t('demand.section')}</div>
      {value.map((d, i) => {
        const bad = showErrors ? draftProblems(d) : {};
        return (
          <div className="ty-field-demand" key={d.key} data-testid={`demand-${i}`}>
            <div className="ty-field-demand-head">
              <span>{t('demand.n', { n: i + 1 })}</span>
              <button
                type="button"
                className="ty-field-textbtn"
                onClick={() => onChange(value.filter((x) => x.key !== d.key))}
              >
                {t('demand.remove')}
              </button>
            </div>
            <div
              className={`ty-field-kinds is-small${bad.category ? ' is-invalid' : ''}`}
              role="group"
              aria-label={t('demand.category')}
            >
              {DEMAND_CATEGORY_CODES.map((c) => (
                <button
                  key={c}
                  type="button"
                  aria-pressed={d.category === c}
                  onClick={() => set(d.key, { category: c })}
                >
                  {label(DEMAND_CATEGORIES, c)}
                </button>
              ))}
            </div>
            {bad.category && <div className="ty-field-error">{t('demand.pickCategory')}</div>}
            <label className="ty-field">
              <span className="ty-field-label">{t('demand.title')}</span>
              <span className={`ty-field-box${bad.title ? ' is-invalid' : ''}`}>
                <input
                  value={d.title}
                  maxLength={80}
                  placeholder={t('demand.titleHint')}
                  data-testid={`demand-${i}-title`}
                  onChange={(e) => set(d.key, { title: e.target.value })}
                />
              </span>
            </label>
            <label className="ty-field">
              <span className="ty-field-label">{t('demand.description')}</span>
              <span className={`ty-field-box${bad.description ? ' is-invalid' : ''}`}>
                <textarea
                  className="is-short"
                  value={d.description}
                  maxLength={VISIT_DEMAND_DESCRIPTION_MAX}
                  placeholder={t('demand.descriptionHint')}
                  data-testid={`demand-${i}-description`}
                  onChange={(e) => set(d.key, { description: e.target.value })}
                />
              </span>
            </label>
            {d.category === 'factor_finance' && (
              <label className="ty-field">
                <span className="ty-field-label">{t('demand.amount')}</span>
                <span className={`ty-field-box${bad.amount ? ' is-invalid' : ''}`}>
                  <input
                    value={d.amountYuan}
                    inputMode="decimal"
                    placeholder={t('demand.amountHint')}
                    onChange={(e) => set(d.key, { amountYuan: e.target.value })}
                  />
                  <span className="ty-field-suffix">{t('demand.yuan')}</span>
                </span>
                {bad.amount && <div className="ty-field-error">{t('demand.amountBad')}</div>}
              </label>
            )}
          </div>
        );
      })}
      {value.length < VISIT_DEMANDS_MAX ? (
        <Button
          block
          data-testid="demand-add"
          onClick={() => {
            onChange([...value, { key: next, category: null, title: '', description: '', amountYuan: '' }]);
            setNext(next + 1);
          }}
        >
          ＋ {t('demand.add')}
        </Button>
      ) : (
        <div className="ty-field-hint">{t('demand.max', { n: VISIT_DEMANDS_MAX })}</div>
      )}
    </div>
  );
}
