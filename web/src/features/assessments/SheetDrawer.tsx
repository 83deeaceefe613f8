import { useEffect } from 'react';
import { Alert, Form, InputNumber, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ASSESSMENT_GRADES, sheetOutcome, type AssessmentSchemeView, type AssessmentSheetView } from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { useServerForm } from '../../components/form-kit';
import { useLabel, useT } from '../../i18n';
import { fmtPoints, useSourceText } from './display';
import { assessmentKeys, useEnterValues } from './hooks';

interface SheetValues {
  values: Record<string, number | null>;
}

/**
 * Staff enter the manual items of one sheet; the contest item is shown read-only with its source.
 * The total and grade follow the entries as they are typed. A stale version offers a reload.
 */
export function SheetDrawer({
  scheme,
  sheet,
  onClose,
}: {
  scheme: AssessmentSchemeView;
  sheet: AssessmentSheetView | null;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const sourceText = useSourceText();
  const qc = useQueryClient();
  const enter = useEnterValues();
  const { form, submit, submitting } = useServerForm({
    target: sheet,
    toBody: (v: SheetValues, sh) => ({
      values: Object.fromEntries(
        scheme.items.filter((it) => it.source === 'manual').map((it) => [it.code, v.values?.[it.code] ?? null]),
      ),
      version: sh.version,
    }),
    send: (body, sh) => enter.mutateAsync({ id: sh.id, ...body }),
    success: t('common.saved'),
    onSuccess: onClose,
    // Field errors come as values.<code>, the form's own paths; a stale version reloads the list.
    onReload: () => {
      void qc.invalidateQueries({ queryKey: assessmentKeys.all });
      onClose();
    },
  });
  useEffect(() => {
    if (sheet) form.setFieldsValue({ values: sheet.values });
  }, [sheet, form]);
  const watched = Form.useWatch('values', form) as SheetValues['values'] | undefined;
  const preview = sheet ? sheetOutcome(scheme.items, { ...sheet.values, ...(watched ?? {}) }, scheme.thresholds) : null;

  return (
    <FormDrawer
      open={!!sheet}
      title={t('assessments.enterTitle', { org: sheet?.partyOrgName ?? '' })}
      onClose={onClose}
      onSave={() => void submit()}
      saving={submitting}
      width={520}
    >
      <Form form={form} layout="vertical">
        {scheme.items.map((it) => (
          <Form.Item
            key={it.code}
            name={['values', it.code]}
            label={`${it.name}（${t('assessments.maxOf', { n: it.maxPoints })}）`}
            extra={
              it.source === 'contest' ? (
                <>
                  <div>{t('assessments.contestItemLocked')}</div>
                  <div>{sourceText(sheet?.contestSource ?? null)}</div>
                </>
              ) : undefined
            }
          >
            <InputNumber
              min={0}
              max={it.maxPoints}
              precision={2}
              step={0.5}
              disabled={it.source === 'contest'}
              style={{ width: 160 }}
            />
          </Form.Item>
        ))}
      </Form>
      {preview && (
        <Alert
          type={preview.complete ? 'info' : 'warning'}
          showIcon
          data-testid="sheet-preview"
          message={
            <Typography.Text strong>
              {t('assessments.preview', {
                total: fmtPoints(preview.total),
                grade: preview.grade ? label(ASSESSMENT_GRADES, preview.grade) : t('assessments.incomplete'),
              })}
            </Typography.Text>
          }
          description={preview.complete ? undefined : t('assessments.incompleteHint')}
        />
      )}
    </FormDrawer>
  );
}
