import { useCallback, useState } from 'react';
import type { VisitView } from '@touyan/schemas';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { Button } from '../../components/light/ui';
import { useT } from '../../i18n';
import { useEditVisit } from './hooks';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';

/**
 * Editing a logged visit on the phone: its findings, and its photos — a kept photo is removed with
 * its ×, new ones are taken or picked (uploaded at once). Saving sends the version it was opened with;
 * the server deletes the removed photos' files.
 */
export function VisitEditor({ v, onDone }: { v: VisitView; onDone: () => void }) {
  const t = useT();
  const toast = useToast();
  const onError = useErrorToast();
  const edit = useEditVisit();
  const [findings, setFindings] = useState(v.findings ?? '');
  const [removed, setRemoved] = useState<string[]>([]);
  const [added, setAdded] = useState<PickedPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const onBusy = useCallback((busy: boolean) => setUploading(busy), []);
  const kept = v.photos.filter((p) => !removed.includes(p.id));

  const save = () => {
    if (!findings.trim()) {
      toast.error(t('field.required'));
      return;
    }
    if (uploading) {
      toast.error(t('field.uploading'));
      return;
    }
    edit.mutate(
      {
        id: v.id,
        body: {
          kind: v.kind as Exclude<VisitView['kind'], 'online'>,
          visitedOn: v.visitedOn!,
          people: v.people,
          findings,
          addPhotoIds: added.map((p) => p.id),
          removePhotoIds: removed,
          version: v.version,
        },
      },
      {
        onSuccess: () => {
          toast.success(t('visit.saved'));
          onDone();
        },
        onError,
      },
    );
  };

  return (
    <div className="ty-field-visit-edit" data-testid="visit-editor">
      <label className="ty-field">
        <span className="ty-field-label">{t('field.findings')}</span>
        <span className="ty-field-box">
          <textarea
            data-testid="visit-edit-findings"
            value={findings}
            maxLength={2000}
            onChange={(e) => setFindings(e.target.value)}
          />
        </span>
      </label>
      <PhotoPicker value={added} onChange={setAdded} onBusy={onBusy} taken={kept.length}>
        {kept.map((p) => (
          <div className="ty-field-thumb" key={p.id} data-testid="kept-photo">
            <img src={p.url} alt={t('photo.alt')} loading="lazy" />
            <button type="button" aria-label={t('photo.remove')} onClick={() => setRemoved((r) => [...r, p.id])}>
              ×
            </button>
          </div>
        ))}
      </PhotoPicker>
      <div className="ty-field-actions">
        <Button size="large" onClick={onDone}>
          {t('visit.cancel')}
        </Button>
        <Button primary size="large" loading={edit.isPending} onClick={save} data-testid="visit-edit-save">
          {t('visit.save')}
        </Button>
      </div>
    </div>
  );
}
