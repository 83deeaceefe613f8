import { useEffect, useRef, useState, type ReactNode } from 'react';
import { VISIT_PHOTOS_MAX } from '@touyan/schemas/plain';
import { useErrorToast } from '../../components/light/feedback';
import { Button, Spinner } from '../../components/light/ui';
import { shrinkPhoto as shrink } from '../../components/light/shrinkPhoto';
import { useLocale, useT } from '../../i18n';
import { uploadVisitPhoto } from './hooks';

export interface PickedPhoto {
  id: string;
  /** A local preview (object URL) until the visit is saved. */
  preview: string;
}

/** Photos taken with the phone's camera (or picked), uploaded at once; the visit links them when saved. */
export function PhotoPicker({
  value,
  onChange,
  onBusy,
  taken = 0,
  children,
}: {
  value: PickedPhoto[];
  onChange: (v: PickedPhoto[]) => void;
  onBusy: (busy: boolean) => void;
  /** Photos the visit already keeps (an edit): they count against the limit too. */
  taken?: number;
  /** Those kept photos, shown before the new ones. */
  children?: ReactNode;
}) {
  const t = useT();
  const [locale] = useLocale();
  const onError = useErrorToast();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(0);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    onBusy(pending > 0);
  }, [pending, onBusy]);
  useEffect(
    () => () => {
      for (const p of latest.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  const add = async (files: File[]) => {
    const room = VISIT_PHOTOS_MAX - taken - latest.current.length - pending;
    const take = files.slice(0, Math.max(0, room));
    setPending((n) => n + take.length);
    for (const file of take) {
      try {
        const { blob, name } = await shrink(file);
        const a = await uploadVisitPhoto(blob, name || 'photo.jpg', locale);
        onChange([...latest.current, { id: a.id, preview: URL.createObjectURL(blob) }]);
      } catch (e) {
        onError(e);
      } finally {
        setPending((n) => n - 1);
      }
    }
  };

  return (
    <div className="ty-field">
      <span className="ty-field-label">{t('photo.section')}</span>
      <div className="ty-field-photos" data-testid="visit-photos">
        {children}
        {value.map((p) => (
          <div className="ty-field-thumb" key={p.id}>
            <img src={p.preview} alt={t('photo.alt')} />
            <button
              type="button"
              aria-label={t('photo.remove')}
              onClick={() => {
                URL.revokeObjectURL(p.preview);
                onChange(latest.current.filter((x) => x.id !== p.id));
              }}
            >
              ×
            </button>
          </div>
        ))}
        {Array.from({ length: pending }, (_, i) => (
          <div className="ty-field-thumb is-pending" key={`p${i}`}>
            <Spinner />
          </div>
        ))}
      </div>
      {taken + value.length + pending < VISIT_PHOTOS_MAX && (
        <Button block onClick={() => input.current?.click()} data-testid="photo-add">
          {t('photo.take')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void add(files);
        }}
      />
    </div>
  );
}
