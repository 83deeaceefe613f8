import { useState } from 'react';
import { App, Button, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ERRORS, type AttachmentView } from '@touyan/schemas';
import { ApiError, uploadFile } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { useMe } from '../auth/hooks';
import { attachmentHref } from './DeclarationContentView';

const MAX_FILES = 20;

/**
 * The declaration's attachments: uploads go to POST /api/attachments (multipart `file` + `projectId`)
 * and the returned ids become `content.attachmentIds`. Uploading needs a saved draft (a project id).
 */
export function AttachmentsField({
  id,
  value,
  onChange,
  projectId,
}: {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  projectId: string | null;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const ids = value ?? [];
  // Names of files uploaded in this session; older attachments are listed by number.
  const [names, setNames] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState<UploadFile[]>([]);

  const fileList: UploadFile[] = [
    ...ids.map((aid, i) => ({
      uid: aid,
      name: names[aid] ?? t('projects.attachmentN', { n: i + 1 }),
      status: 'done' as const,
      url: attachmentHref(aid),
    })),
    ...uploading,
  ];

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError, onProgress }) => {
    onProgress?.({ percent: 30 });
    uploadFile<AttachmentView>('/api/attachments', file as Blob, undefined, locale, {
      fields: { projectId: projectId ?? '' },
      csrf: me?.csrfToken,
    })
      .then((saved) => onSuccess?.(saved))
      .catch((e: unknown) =>
        onError?.(
          e instanceof ApiError && e.status === 404
            ? new Error(t('projects.attachmentUnavailable'))
            : e instanceof Error
              ? e
              : new Error(String(e)),
        ),
      );
  };

  const onUploadChange: UploadProps['onChange'] = ({ file }) => {
    if (file.status === 'uploading') {
      setUploading((prev) => [...prev.filter((f) => f.uid !== file.uid), file]);
      return;
    }
    setUploading((prev) => prev.filter((f) => f.uid !== file.uid));
    if (file.status === 'done') {
      const saved = file.response as AttachmentView;
      setNames((prev) => ({ ...prev, [saved.id]: saved.filename || file.name }));
      onChange?.([...ids, saved.id]);
    } else if (file.status === 'error') {
      message.error(file.error instanceof Error ? file.error.message : t('projects.attachmentFailed'));
    }
  };

  return (
    <div id={id}>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        fileList={fileList}
        customRequest={customRequest}
        onChange={onUploadChange}
        onRemove={(f) => {
          onChange?.(ids.filter((x) => x !== f.uid));
          return true;
        }}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            message.error(ERRORS.ATTACHMENT_TOO_LARGE[locale]);
            return Upload.LIST_IGNORE;
          }
          if (ids.length + uploading.length >= MAX_FILES) {
            message.error(t('projects.attachmentMax', { n: MAX_FILES }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        disabled={!projectId}
      >
        <Button icon={<UploadOutlined />} disabled={!projectId}>
          {t('projects.attachmentUpload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
        {projectId ? t('projects.attachmentHint') : t('projects.attachmentNeedsDraft')}
      </Typography.Text>
    </div>
  );
}
