import { useEffect, useMemo } from 'react';
import { Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import {
  DEFAULT_RUBRIC,
  rubricTemplateBody,
  rubricTemplateUpdateBody,
  type Rubric,
  type RubricTemplateView,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { useZodRule } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLocale, useT } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { usePartyOrgTree } from '../party-orgs/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { parseDeep } from './forms';
import { templateKeys, useCreateTemplate, useUpdateTemplate } from './hooks';
import { RubricEditor, type CriterionValues } from './RubricEditor';

interface Values {
  name?: string;
  orgId?: string | null;
  rubric?: { criteria?: CriterionValues[] };
}

/** What a new template starts from: a copy of another, the rubric of a contest being edited, or the default. */
export interface TemplateSeed {
  name: string;
  rubric: Rubric | { criteria: CriterionValues[] };
}

const selectSwDept = (o: { type: string }) => o.type === 'sw_dept';

/**
 * Creates or edits a rubric template (评分细则模板): its name, the 社工部 that owns it (new templates
 * only: the user's own by default) and the criteria. Field errors come from the shared schema and,
 * failing that, from the server's reply; a stale version offers to reload.
 */
export function RubricTemplateDrawer({
  open,
  template,
  seed,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The template to edit, or null to create one. */
  template: RubricTemplateView | null;
  seed?: TemplateSeed | null;
  onClose: () => void;
  onSaved?: (saved: RubricTemplateView, wasNew: boolean) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const zodRule = useZodRule();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const tree = usePartyOrgTree(open && !template);

  /** The 社工部 of the user's own staff binding, when there is one. */
  const ownDept = useMemo(() => {
    const staffOrgs = new Set(me.roles.filter((r) => r.role === 'staff' && r.orgId).map((r) => r.orgId));
    return tree.data?.find((o) => o.type === 'sw_dept' && staffOrgs.has(o.id))?.id ?? null;
  }, [me.roles, tree.data]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      template
        ? { name: template.name, rubric: { criteria: template.rubric.criteria } }
        : { name: seed?.name ?? '', rubric: { criteria: (seed?.rubric ?? DEFAULT_RUBRIC).criteria } },
    );
  }, [open, template, seed, form]);

  useEffect(() => {
    if (open && !template && ownDept && !form.getFieldValue('orgId')) form.setFieldValue('orgId', ownDept);
  }, [open, template, ownDept, form]);

  const onSave = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const rubric = {
      criteria: (values.rubric?.criteria ?? []).map((c) => ({ ...c, description: c?.description || null })),
    };
    const handleError = (e: unknown) =>
      onError(e, {
        form,
        onReload: () => {
          onClose();
          void qc.invalidateQueries({ queryKey: templateKeys.all });
        },
      });
    if (template) {
      const body = parseDeep(
        rubricTemplateUpdateBody,
        { name: values.name, rubric, version: template.version },
        form,
        locale,
      );
      if (body)
        update.mutate(
          { id: template.id, body },
          {
            onSuccess: (saved) => {
              onSaved?.(saved, false);
              onClose();
            },
            onError: handleError,
          },
        );
    } else {
      const body = parseDeep(rubricTemplateBody, { name: values.name, orgId: values.orgId, rubric }, form, locale);
      if (body)
        create.mutate(body, {
          onSuccess: (saved) => {
            onSaved?.(saved, true);
            onClose();
          },
          onError: handleError,
        });
    }
  };

  return (
    <FormDrawer
      open={open}
      width={820}
      title={template ? t('contests.tpl.editTitle') : t('contests.tpl.createTitle')}
      onClose={onClose}
      onSave={() => void onSave()}
      saving={create.isPending || update.isPending}
    >
      <Form form={form} name="rubricTemplate" layout="vertical" requiredMark data-testid="template-form">
        <Form.Item name="name" label={t('contests.tpl.name')} rules={[zodRule(rubricTemplateBody.shape.name)]} required>
          <Input maxLength={60} placeholder={t('contests.tpl.namePlaceholder')} data-testid="template-name" />
        </Form.Item>
        {template ? (
          <Form.Item label={t('contests.tpl.org')}>
            <Typography.Text>{template.orgName}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="orgId"
            label={t('contests.tpl.org')}
            extra={t('contests.tpl.orgHint')}
            rules={[zodRule(rubricTemplateBody.shape.orgId)]}
            required
          >
            <PartyOrgTreeSelect isSelectable={selectSwDept} style={{ maxWidth: 360 }} />
          </Form.Item>
        )}
        <Form.Item label={t('contests.tpl.criteria')} required extra={t('contests.tpl.criteriaHint')}>
          <RubricEditor name={['rubric', 'criteria']} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
