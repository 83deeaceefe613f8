import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AttachmentView } from '@touyan/schemas';
import {
  ATTACHMENT_MAX_BYTES,
  DISPUTE_EVIDENCE_MAX,
  DISPUTE_TYPES,
  ERRORS,
  RESPONDENT_KINDS,
  type DisputeType,
  type RespondentKind,
} from '@touyan/schemas/plain';
import { api, isApiError, uploadFile } from '../../api/client';
import { useErrorToast } from '../../components/light/feedback';
import { shrinkPhoto } from '../../components/light/shrinkPhoto';
import { Alert, Button, Spinner } from '../../components/light/ui';
import { useLabel, useLocale, useT, type MessageKey } from '../../i18n';
import { myDisputesKey } from './selfHooks';

/** A file uploaded from the form: its id for the application, and a preview while it is open. */
interface Picked {
  id: string;
  name: string;
  /** Object URL of a photo; null for a PDF. */
  preview: string | null;
}

/** What the server takes from a worker's phone (DISPUTE_EVIDENCE_TYPE otherwise): photos and PDF. */
const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';
const isPdf = (f: File) => f.type === 'application/pdf' || /\.pdf$/i.test(f.name);

/**
 * Evidence from the phone (证据材料): photos taken or picked and PDF files, each uploaded at once to
 * POST /api/dispute-evidence (the worker's own upload; the server checks the bytes and the type), kept
 * here by id and linked with the application when it is sent. Large photos are scaled down first.
 */
function EvidencePicker({
  value,
  onChange,
  onBusy,
}: {
  value: Picked[];
  onChange: (v: Picked[]) => void;
  onBusy: (busy: boolean) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const onError = useErrorToast();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => onBusy(pending > 0), [pending, onBusy]);
  useEffect(
    () => () => {
      for (const p of latest.current) if (p.preview) URL.revokeObjectURL(p.preview);
    },
    [],
  );
  const add = async (files: File[]) => {
    setNotice(null);
    const room = DISPUTE_EVIDENCE_MAX - latest.current.length - pending;
    if (files.length > room) setNotice(t('wd.ev.max', { n: DISPUTE_EVIDENCE_MAX }));
    const take = files.slice(0, Math.max(0, room));
    setPending((n) => n + take.length);
    for (const file of take) {
      try {
        const pdf = isPdf(file);
        const { blob, name } = pdf ? { blob: file, name: file.name } : await shrinkPhoto(file);
        if (blob.size > ATTACHMENT_MAX_BYTES) {
          setNotice(ERRORS.ATTACHMENT_TOO_LARGE[locale]);
          continue;
        }
        const a = await uploadFile<AttachmentView>('/api/dispute-evidence', blob, name || 'photo.jpg', locale);
        const preview = pdf ? null : URL.createObjectURL(blob);
        onChange([...latest.current, { id: a.id, name: a.filename || name, preview }]);
      } catch (e) {
        onError(e);
      } finally {
        setPending((n) => n - 1);
      }
    }
  };
  return (
    <div className="ty-field">
      <span className="ty-field-label">{t('wd.ev.title')}</span>
      <span className="ty-md-sub">{t('wd.ev.hint', { n: DISPUTE_EVIDENCE_MAX })}</span>
      {(value.length > 0 || pending > 0) && (
        <ul className="ty-wd-ev" data-testid="apply-evidence">
          {value.map((p) => (
            <li key={p.id} data-testid="apply-evidence-item">
              {p.preview ? (
                <img src={p.preview} alt={p.name} />
              ) : (
                <span className="ty-wd-ev-pdf" aria-hidden>
                  PDF
                </span>
              )}
              <span className="ty-wd-ev-name">{p.name}</span>
              <button
                type="button"
                aria-label={t('wd.ev.remove', { name: p.name })}
                onClick={() => {
                  if (p.preview) URL.revokeObjectURL(p.preview);
                  onChange(latest.current.filter((x) => x.id !== p.id));
                }}
              >
                ×
              </button>
            </li>
          ))}
          {Array.from({ length: pending }, (_, i) => (
            <li key={`p${i}`} className="is-pending">
              <Spinner size="small" />
              <span className="ty-wd-ev-name">{t('wd.ev.uploading')}</span>
            </li>
          ))}
        </ul>
      )}
      {notice && <div className="ty-field-error">{notice}</div>}
      {value.length + pending < DISPUTE_EVIDENCE_MAX && (
        <Button block onClick={() => input.current?.click()} data-testid="apply-evidence-add">
          {t('wd.ev.add')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="apply-evidence-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void add(files);
        }}
      />
    </div>
  );
}

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
 * sent to the centre serving their region with the evidence files uploaded from the form; once saved
 * the case shows in their list.
 */
export function ApplyForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const label = useLabel();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [evidence, setEvidence] = useState<Picked[]>([]);
  const [uploading, setUploading] = useState(false);
  const send = useMutation({
    mutationFn: (x: Draft) =>
      api.post('/dispute-cases/mine', {
        body: {
          type: x.type as DisputeType,
          respondent: { kind: x.kind, name: x.name.trim(), creditCode: x.creditCode.trim().toUpperCase() || null },
          claimFen: Math.round(Number(x.yuan) * 100),
          facts: x.facts.trim(),
          knownOn: null,
          evidenceIds: evidence.map((e) => e.id),
          worker: null,
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: myDisputesKey });
      setD(EMPTY);
      for (const e of evidence) if (e.preview) URL.revokeObjectURL(e.preview);
      setEvidence([]);
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
    if (Object.keys(e).length === 0 && !uploading) send.mutate(d);
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
      <EvidencePicker value={evidence} onChange={setEvidence} onBusy={setUploading} />
      {failure && (
        <div data-testid="apply-error">
          <Alert title={isApiError(failure) ? failure.message : t('common.networkError')} />
        </div>
      )}
      <Button
        primary
        size="large"
        block
        loading={send.isPending}
        disabled={uploading}
        onClick={submit}
        data-testid="apply-submit"
      >
        {t('wd.f.submit')}
      </Button>
    </section>
  );
}
