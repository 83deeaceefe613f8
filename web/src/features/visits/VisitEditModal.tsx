import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { LOGGED_VISIT_KINDS, VISIT_KINDS, VISIT_PHOTOS_MAX, type VisitView } from '@touyan/schemas';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useLocale, useT } from '../../i18n';
import { uploadVisitPhoto, useEditVisit } from './hooks';
import './visits.css';

interface Values {
  kind: (typeof LOGGED_VISIT_KINDS)[number];
  visitedOn: Dayjs;
  people: string;
  findings: string;
}

/**
 * Staff (or the author) edit a logged visit from the admin list: its fields and its photos — a kept
 * photo is marked for removal (the server deletes its file), new ones are uploaded at once and linked
 * on save. Sends the version the visit was opened with (409 on a stale copy).
 */
export function VisitEditModal({ visit, onClose }: { visit: VisitView | null; onClose: (saved?: VisitView) => void }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const edit = useEditVisit();
  const [form] = Form.useForm<Values>();
  const [removed, setRemoved] = useState<string[]>([]);
  const [added, setAdded] = useState<{ id: string; name: string }[]>([]);
  const [uploading, setUploading] = useState(0);
  useEffect(() => {
    setRemoved([]);
    setAdded([]);
    if (visit)
      form.setFieldsValue({
        kind: visit.kind as Values['kind'],
        visitedOn: dayjs(visit.visitedOn),
        people: visit.people ?? '',
        findings: visit.findings ?? '',
      });
  }, [visit, form]);
  const count = (visit?.photos.length ?? 0) - removed.length + added.length + uploading;

  const save = async () => {
    if (!visit) return;
    const v = await form.validateFields();
    edit.mutate(
      {
        id: visit.id,
        body: {
          kind: v.kind,
          visitedOn: v.visitedOn.format('YYYY-MM-DD'),
          people: v.people.trim() || null,
          findings: v.findings,
          addPhotoIds: added.map((a) => a.id),
          removePhotoIds: removed,
          version: visit.version,
        },
      },
      {
        onSuccess: (saved) => {
          message.success(t('common.saved'));
          onClose(saved);
        },
        onError: (e) => onError(e),
      },
    );
  };

  return (
    <Modal
      open={!!visit}
      title={t('visits.editTitle')}
      onCancel={() => onClose()}
      onOk={() => void save()}
      okButtonProps={{ loading: edit.isPending, disabled: uploading > 0, 'data-testid': 'visit-edit-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="visit-edit-form">
        <Form.Item name="kind" label={t('visits.kind')} rules={[{ required: true }]}>
          <Select options={LOGGED_VISIT_KINDS.map((k) => ({ value: k, label: label(VISIT_KINDS, k) }))} />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('visits.visitedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="people" label={t('visits.people')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="findings" label={t('visits.findings')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('visits.photos')}>
          <div className="ty-visit-edit-photos" data-testid="visit-edit-photos">
            {visit?.photos.map((p) => {
              const gone = removed.includes(p.id);
              return (
                <div key={p.id} className={`ty-visit-edit-photo${gone ? ' is-removed' : ''}`}>
                  <img src={p.url} alt={p.filename} />
                  <Button
                    size="small"
                    icon={gone ? <UndoOutlined /> : <DeleteOutlined />}
                    aria-label={gone ? t('visits.keepPhoto') : t('visits.removePhoto')}
                    onClick={() => setRemoved((r) => (gone ? r.filter((x) => x !== p.id) : [...r, p.id]))}
                    data-testid="visit-photo-remove"
                  />
                </div>
              );
            })}
            {added.map((a) => (
              <div key={a.id} className="ty-visit-edit-photo is-new">
                <span>{a.name}</span>
                <Button
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('visits.removePhoto')}
                  onClick={() => setAdded((x) => x.filter((y) => y.id !== a.id))}
                />
              </div>
            ))}
          </div>
          {count < VISIT_PHOTOS_MAX && (
            <Upload
              accept="image/*"
              multiple
              showUploadList={false}
              customRequest={({ file, onSuccess, onError: failed }) => {
                setUploading((n) => n + 1);
                uploadVisitPhoto(file as File, (file as File).name || 'photo.jpg', locale)
                  .then((a) => {
                    setAdded((x) => [...x, { id: a.id, name: a.filename }]);
                    onSuccess?.(a);
                  })
                  .catch((e: Error) => {
                    onError(e);
                    failed?.(e);
                  })
                  .finally(() => setUploading((n) => n - 1));
              }}
            >
              <Button icon={<PlusOutlined />} loading={uploading > 0} data-testid="visit-photo-add">
                {t('visits.addPhotos')}
              </Button>
            </Upload>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
