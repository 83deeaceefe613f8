import { useState } from 'react';
import { App, Button, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  DISPUTE_EVIDENCE_MAX,
  ERRORS,
  type AttachmentView,
} from '@touyan/schemas';
import { useLocale, useT } from '../../i18n';
import { uploadEvidence } from './hooks';

/** Files one case takes in one save (the body's `evidenceIds` limit). */
export const EVIDENCE_MAX_FILES = DISPUTE_EVIDENCE_MAX;

/**
 * Picks evidence files (PDF, images, Word, Excel, ≤ 20 MB) and uploads each to POST /api/dispute-evidence;
 * `onUploaded` gets the stored file (the intake keeps its id, the case drawer links it at once). The
 * server refuses a type its bytes do not match, an oversized file and an exhausted quota: shown as messages.
 */
export function EvidenceUpload({
  onUploaded,
  taken,
  testId,
}: {
  onUploaded: (file: AttachmentView) => Promise<unknown> | void;
  /** Files already chosen in this save (for the per-save limit). */
  taken: number;
  testId: string;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  return (
    <div>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            message.error(ERRORS.ATTACHMENT_TOO_LARGE[locale]);
            return Upload.LIST_IGNORE;
          }
          if (taken + busy >= EVIDENCE_MAX_FILES) {
            message.error(t('dsp.ev.max', { n: EVIDENCE_MAX_FILES }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File;
          setBusy((n) => n + 1);
          uploadEvidence(f, f.name, locale)
            .then(async (saved) => {
              await onUploaded(saved);
              onSuccess?.(saved);
            })
            .catch((e: unknown) => {
              message.error(e instanceof Error ? e.message : t('dsp.ev.failed'));
              onError?.(e instanceof Error ? e : new Error(String(e)));
            })
            .finally(() => setBusy((n) => n - 1));
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} data-testid={testId}>
          {t('dsp.ev.add')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
        {t('dsp.ev.hint')}
      </Typography.Text>
    </div>
  );
}
