import { useRef, useState } from 'react';
import { App, Button, Image, Space, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ERRORS, type AttachmentView } from '@touyan/schemas';
import { uploadFile } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { useMe } from '../auth/hooks';

const MAX_FILES = 20;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const isImage = (a: AttachmentView) => a.mime.startsWith('image/');

/**
 * Uploads attached to a record of a project (a progress post, a milestone's evidence, a report):
 * each file is stored at once and the form keeps the returned attachments.
 */
export function AttachmentUploader({
  projectId,
  value,
  onChange,
  id,
}: {
  projectId: string;
  value?: AttachmentView[];
  onChange?: (v: AttachmentView[]) => void;
  id?: string;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const files = value ?? [];
  // Several files may finish together: each adds to the latest list, not to the one it started with.
  const latest = useRef(files);
  latest.current = files;
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const fileList: UploadFile[] = [
    ...files.map((a): UploadFile => ({
      uid: a.id,
      name: a.filename,
      status: 'done',
      type: a.mime,
      url: a.url,
      thumbUrl: isImage(a) ? a.url : undefined,
    })),
    ...uploading,
  ];

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    uploadFile<AttachmentView>('/api/attachments', file as Blob, undefined, locale, {
      fields: { projectId },
      csrf: me?.csrfToken,
    })
      .then((saved) => onSuccess?.(saved))
      .catch((e: unknown) => onError?.(e instanceof Error ? e : new Error(String(e))));
  };

  return (
    <div id={id}>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        listType="picture"
        fileList={fileList}
        customRequest={customRequest}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            message.error(ERRORS.ATTACHMENT_TOO_LARGE[locale]);
            return Upload.LIST_IGNORE;
          }
          if (files.length + uploading.length >= MAX_FILES) {
            message.error(t('execution.attachmentMax', { n: MAX_FILES }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        onChange={({ file }) => {
          if (file.status === 'uploading') {
            setUploading((prev) => [...prev.filter((f) => f.uid !== file.uid), file]);
            return;
          }
          setUploading((prev) => prev.filter((f) => f.uid !== file.uid));
          if (file.status === 'done') {
            const next = [...latest.current, file.response as AttachmentView];
            latest.current = next;
            onChange?.(next);
          } else if (file.status === 'error') {
            message.error(file.error instanceof Error ? file.error.message : t('execution.uploadFailed'));
          }
        }}
        onRemove={(f) => {
          const next = latest.current.filter((a) => a.id !== f.uid);
          latest.current = next;
          onChange?.(next);
          return true;
        }}
        showUploadList={{ showPreviewIcon: false }}
      >
        <Button icon={<UploadOutlined />}>{t('execution.upload')}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
        {t('execution.uploadHint')}
      </Typography.Text>
    </div>
  );
}

/** Photos as thumbnails (click to enlarge), documents as links. */
export function AttachmentList({ items }: { items: AttachmentView[] }) {
  if (items.length === 0) return null;
  const images = items.filter(isImage);
  const docs = items.filter((a) => !isImage(a));
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space size={6} wrap>
            {images.map((a) => (
              <Image
                key={a.id}
                src={a.url}
                alt={a.filename}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4 }}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {docs.map((a) => (
        <a key={a.id} href={a.url} target="_blank" rel="noreferrer" className="ty-ex-file">
          {a.mime === 'application/pdf' ? <PaperClipOutlined /> : <FileOutlined />} {a.filename}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {formatBytes(a.size)}
          </Typography.Text>
        </a>
      ))}
    </Space>
  );
}
