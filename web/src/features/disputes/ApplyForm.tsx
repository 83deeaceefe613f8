import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DISPUTE_TYPES, RESPONDENT_KINDS, type DisputeType, type RespondentKind } from '@touyan/schemas/plain';
import { api, isApiError } from '../../api/client';
import { Alert, Button } from '../../components/light/ui';
import { useLabel, useT, type MessageKey } from '../../i18n';
import { myDisputesKey } from './selfHooks';

interface Draft {
  type: DisputeType | '';
  kind: RespondentKind;
  name: string;
  creditCode: string;
  yuan: string;
  facts: string;
}
const EMPTY: Draft = { type: '', kind: 'firm', name: '', creditCode: '', yuan: '', facts: '' };
type Errors = Partial<Record<keyof Draft, string>>;

/** The form's own checks (the server checks again): each names what to fix, in the page's language. */
function check(d: Draft): Errors {
  const e: Errors = {};
  if (!d.type) e.type = 'wd.f.typeRequired';
  if (d.name.trim().length < 2) e.name = 'wd.f.nameRequired';
  if (d.creditCode.trim() && !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i.test(d.creditCode.trim()))
    e.creditCode = 'wd.f.creditCodeInvalid';
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(d.yuan.trim())) e.yuan = 'wd.f.claimInvalid';
  if (d.facts.trim().length < 5) e.facts = 'wd.f.factsRequired';
  return e;
}

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="ty-field">
      <span className="ty-field-label">{label}</span>
      <span className={`ty-field-box${error ? ' is-invalid' : ''}`}>{children}</span>
      {error && <div className="ty-field-error">{error}</div>}
    </label>
  );
}

/**
 * 申请调解: the worker's own application from the phone (POST /dispute-cases/mine, source 'online'),
 * sent to the centre serving their region; once saved the case shows in their list.
 */
export function ApplyForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const label = useLabel();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const send = useMutation({
    mutationFn: (x: Draft) =>
      api.post('/dispute-cases/mine', {
        body: {
          type: x.type as DisputeType,
          respondent: { kind: x.kind, name: x.name.trim(), creditCode: x.creditCode.trim().toUpperCase() || null },
          claimFen: Math.round(Number(x.yuan) * 100),
          facts: x.facts.trim(),
          knownOn: null,
          evidenceIds: [],
          worker: null,
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: myDisputesKey });
      setD(EMPTY);
      onDone();
    },
  });
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setD({ ...d, [k]: e.target.value });
    setErrors({ ...errors, [k]: undefined });
  };
  const err = (k: keyof Draft) => (errors[k] ? t(errors[k] as MessageKey) : undefined);
  const submit = () => {
    const e = check(d);
    setErrors(e);
    if (Object.keys(e).length === 0) send.mutate(d);
  };
  const failure = send.error;
  return (
    <section className="ty-md-card ty-wd-apply" data-testid="apply-form">
      <h2 className="ty-wd-h3">{t('wd.f.title')}</h2>
      <p className="ty-md-sub">{t('wd.f.hint')}</p>
      <Field label={t('wd.f.type')} error={err('type')}>
        <select value={d.type} onChange={set('type')} data-testid="apply-type">
          <option value="">{t('wd.f.pick')}</option>
          {(Object.keys(DISPUTE_TYPES) as DisputeType[]).map((k) => (
            <option key={k} value={k}>
              {label(DISPUTE_TYPES, k)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('wd.f.kind')}>
        <select value={d.kind} onChange={set('kind')} data-testid="apply-kind">
          {(Object.keys(RESPONDENT_KINDS) as RespondentKind[]).map((k) => (
            <option key={k} value={k}>
              {label(RESPONDENT_KINDS, k)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('wd.f.name')} error={err('name')}>
        <input value={d.name} maxLength={100} onChange={set('name')} data-testid="apply-name" />
      </Field>
      <Field label={t('wd.f.creditCode')} error={err('creditCode')}>
        <input
          value={d.creditCode}
          maxLength={18}
          autoCapitalize="characters"
          placeholder={t('wd.f.optional')}
          onChange={set('creditCode')}
          data-testid="apply-credit"
        />
      </Field>
      <Field label={t('wd.f.claim')} error={err('yuan')}>
        <input value={d.yuan} inputMode="decimal" onChange={set('yuan')} data-testid="apply-claim" />
        <span className="ty-md-sub">{t('wd.f.yuan')}</span>
      </Field>
      <Field label={t('wd.f.facts')} error={err('facts')}>
        <textarea
          value={d.facts}
          rows={4}
          maxLength={4000}
          placeholder={t('wd.f.factsHint')}
          onChange={set('facts')}
          data-testid="apply-facts"
        />
      </Field>
      {failure && (
        <div data-testid="apply-error">
          <Alert title={isApiError(failure) ? failure.message : t('common.networkError')} />
        </div>
      )}
      <Button primary size="large" block loading={send.isPending} onClick={submit} data-testid="apply-submit">
        {t('wd.f.submit')}
      </Button>
    </section>
  );
}
