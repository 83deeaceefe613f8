import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Result, Select, Space, Spin, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { FIELD_MESSAGES, type CampaignView, type DeclarationContent, type ProjectView } from '@touyan/schemas';
import { api, ApiError, isApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { BEIJING } from '../../components/time';
import { PageHeader } from '../../components/PageHeader';
import { useLocale, useT } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import {
  applyDeclarationErrors,
  clearTouchedErrors,
  declarationWindowState,
  parseDeclaration,
  toContentInput,
  toFormValues,
  type DeclarationFormValues,
  type DeclarationWindowState,
} from './declarationForm';
import { DeclarationFields } from './DeclarationFields';
import { ProjectStatusTag } from './display';
import {
  projectKeys,
  useCampaign,
  useCampaignOptions,
  useCreateProject,
  useProject,
  useProjectEvent,
  useSaveProject,
} from './hooks';
import './projects.css';

/** An error carried across the navigation from /projects/new to the new draft's edit page. */
interface CarriedError {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** A text whose dates (2026-12-10) never break across lines on a narrow screen. */
function keepDates(text: string) {
  return text.split(/(\d{4}-\d{2}-\d{2})/).map((part, i) =>
    i % 2 ? (
      <span key={i} className="ty-nowrap">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

export default function DeclarationPage() {
  const { id } = useParams();
  return <DeclarationEditor key={id ?? 'new'} projectId={id} />;
}

function DeclarationEditor({ projectId }: { projectId: string | undefined }) {
  const t = useT();
  const q = useProject(projectId);
  // The record as first opened: later cache updates (e.g. after submitting) must not swap the page.
  const [opened, setOpened] = useState<ProjectView | null>(null);
  useEffect(() => {
    if (q.data && !opened) setOpened(q.data);
  }, [q.data, opened]);

  if (!projectId) return <DeclarationForm initial={null} />;
  const project = opened ?? q.data;
  if (!project) {
    if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} backTo="/projects" />;
    return <Spin className="ty-page-spin" />;
  }
  if (!project.abilities.includes('update')) {
    return (
      <Result
        status="info"
        title={t('projects.notEditable')}
        subTitle={t('projects.notEditableDesc')}
        data-testid="declaration-not-editable"
        extra={
          <Link to={`/projects/${project.id}`}>
            <Button type="primary">{t('projects.backToProject')}</Button>
          </Link>
        }
      />
    );
  }
  return <DeclarationForm initial={project} />;
}

function DeclarationForm({ initial }: { initial: ProjectView | null }) {
  const t = useT();
  const [locale] = useLocale();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [search] = useSearchParams();
  const [form] = Form.useForm<DeclarationFormValues>();
  const [base, setBase] = useState<ProjectView | null>(initial);
  const [windowError, setWindowError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  const create = useCreateProject();
  const save = useSaveProject();
  const fire = useProjectEvent();

  // ——— campaign and declaring organisation ———
  const published = useCampaignOptions('published');
  const pickedCampaignId = Form.useWatch('campaignId', form) as string | undefined;
  const declaringOrgId = Form.useWatch('orgId', form) as string | undefined;
  const ownCampaign = useCampaign(base?.campaignId);
  const campaign = base ? ownCampaign.data : published.data?.find((c) => c.id === pickedCampaignId);
  // Today in Beijing, to say whether a shut window is not open yet or already past.
  const today = dayjs().tz(BEIJING).format('YYYY-MM-DD');
  const windowOf = useCallback((c: CampaignView) => declarationWindowState(c, today), [today]);
  const campaignOptions = useMemo(
    () =>
      [...(published.data ?? [])]
        .sort((a, b) => Number(b.windowOpen) - Number(a.windowOpen))
        .map((c) => ({ value: c.id, label: c.name, title: c.name, state: windowOf(c) })),
    [published.data, windowOf],
  );
  const secretaryOrgs = useMemo(
    () =>
      me.roles
        .filter((r) => r.role === 'secretary' && r.orgId)
        .map((r) => ({ value: r.orgId as string, label: r.orgName ?? '' })),
    [me.roles],
  );

  const initialValues = useMemo<DeclarationFormValues>(() => {
    const v = toFormValues(initial?.content);
    if (!initial) {
      v.campaignId = search.get('campaignId') ?? undefined;
      v.orgId = secretaryOrgs.length === 1 ? secretaryOrgs[0]?.value : undefined;
    }
    return v;
    // Only the first render's values seed the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A campaign from the address that is not open for declaring is dropped once the list is known;
  // with none given, the only campaign open for declarations is chosen.
  useEffect(() => {
    if (base || !published.data) return;
    if (!pickedCampaignId) {
      const open = published.data.filter((c) => c.windowOpen);
      if (open.length === 1 && !form.isFieldTouched('campaignId')) form.setFieldValue('campaignId', open[0]!.id);
      return;
    }
    if (!published.data.some((c) => c.id === pickedCampaignId)) form.setFieldValue('campaignId', undefined);
  }, [base, published.data, pickedCampaignId, form]);

  // A theme outside the chosen campaign's scope is cleared when the campaign changes.
  useEffect(() => {
    if (!campaign) return;
    const theme = form.getFieldValue('theme') as string | undefined;
    if (theme && !campaign.themes.some((th) => th.code === theme)) form.setFieldValue('theme', undefined);
  }, [campaign, form]);

  // Leaving with unsaved edits asks first (reload, closing the tab).
  useEffect(() => {
    if (!dirty) return;
    const h = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [dirty]);

  // ——— errors ———
  const reloadLatest = useCallback(async () => {
    if (!base) return;
    try {
      const latest = await api.get('/projects/:id', { params: { id: base.id } });
      qc.setQueryData(projectKeys.one(latest.id), latest);
      if (!latest.abilities.includes('update')) {
        message.info(t('projects.notEditable'));
        navigate(`/projects/${latest.id}`, { replace: true });
        return;
      }
      setBase(latest);
      form.resetFields();
      form.setFieldsValue(toFormValues(latest.content));
      setDirty(false);
      message.success(t('projects.reloaded'));
    } catch (e) {
      message.error(isApiError(e) ? e.message : t('common.networkError'));
    }
  }, [base, qc, form, message, navigate, t]);

  const handleError = useCallback(
    (e: unknown) => {
      if (!isApiError(e)) {
        message.error(t('common.networkError'));
        return;
      }
      if (e.code === 'VERSION_CONFLICT') {
        modal.confirm({
          title: t('projects.conflict.title'),
          content: t('projects.conflict.body'),
          okText: t('projects.conflict.reload'),
          cancelText: t('projects.conflict.keep'),
          width: 480,
          onOk: () => reloadLatest(),
        });
        return;
      }
      if (e.code === 'DECLARATION_WINDOW_CLOSED') {
        setWindowError(e.message);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }
      if (e.fields) applyDeclarationErrors(form, e.fields, locale);
      message.error(e.message);
    },
    [form, locale, message, modal, reloadLatest, t],
  );

  // An error of the submit that followed creating this draft on /projects/new.
  useEffect(() => {
    const carried = (location.state as { submitError?: CarriedError } | null)?.submitError;
    if (!carried) return;
    handleError(new ApiError(carried.status, carried.code, carried.message, carried.fields));
    navigate(location.pathname, { replace: true, state: null });
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ——— saving ———
  const collect = (): DeclarationContent | null => {
    const values = form.getFieldsValue(true) as DeclarationFormValues;
    const content = parseDeclaration(toContentInput(values, base?.content.challengeId ?? null), form, locale);
    if (!content || base) return content;
    const missing = (['campaignId', 'orgId'] as const).filter((k) => !values[k]);
    if (missing.length) {
      form.setFields(missing.map((name) => ({ name, errors: [FIELD_MESSAGES.required[locale]] })));
      form.scrollToField(missing[0]!, { block: 'center' });
      return null;
    }
    return content;
  };

  const persist = async (content: DeclarationContent): Promise<ProjectView> => {
    if (base) return save.mutateAsync({ id: base.id, content, version: base.version });
    const values = form.getFieldsValue(true) as DeclarationFormValues;
    return create.mutateAsync({ campaignId: values.campaignId!, orgId: values.orgId!, content });
  };

  const onSaveDraft = async () => {
    const content = collect();
    if (!content) return;
    setBusy('save');
    try {
      const saved = await persist(content);
      setDirty(false);
      message.success(t('projects.draftSaved'));
      if (!base) navigate(`/projects/${saved.id}/edit`, { replace: true });
      else setBase(saved);
    } catch (e) {
      handleError(e);
    } finally {
      setBusy(null);
    }
  };

  const resubmitting = base?.status === 'returned';

  const doSubmit = async (content: DeclarationContent) => {
    setBusy('submit');
    let saved: ProjectView | null = null;
    try {
      saved = await persist(content);
      setDirty(false);
      const event = saved.status === 'returned' ? 'resubmit' : 'submit';
      await fire.mutateAsync({ id: saved.id, event, version: saved.version });
      message.success(t(event === 'resubmit' ? 'projects.resubmitted' : 'projects.submitted'));
      navigate(`/projects/${saved.id}`);
    } catch (e) {
      if (saved && !base) {
        // The draft exists now: continue on its own address, where a reload finds it.
        const carried: CarriedError | undefined = isApiError(e)
          ? { status: e.status, code: e.code, message: e.message, fields: e.fields }
          : undefined;
        navigate(`/projects/${saved.id}/edit`, { replace: true, state: { submitError: carried } });
        if (!carried) message.error(t('common.networkError'));
        return;
      }
      if (saved) setBase(saved);
      handleError(e);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = () => {
    const content = collect();
    if (!content) return;
    setWindowError(null);
    modal.confirm({
      title: t(resubmitting ? 'projects.confirmResubmit' : 'projects.confirmSubmit'),
      content: t('projects.confirmSubmitBody'),
      okText: t(resubmitting ? 'projects.confirmResubmitOk' : 'projects.confirmSubmitOk'),
      cancelText: t('common.cancel'),
      onOk: () => void doSubmit(content),
    });
  };

  // Only a first submission is bound to the window (a returned declaration may be resubmitted).
  const windowState: DeclarationWindowState | null =
    campaign && (!base || base.status === 'draft') ? windowOf(campaign) : null;
  const windowShut = windowState !== null && windowState !== 'open';
  const windowVars = campaign ? { from: campaign.declareFrom, to: campaign.declareTo } : undefined;
  const submitBlocked: string | null = windowShut
    ? t(`projects.windowShort.${windowState}`, windowVars)
    : windowError && (!base || base.status === 'draft')
      ? windowError
      : null;

  return (
    <div className="ty-declaration" data-testid="declaration-page">
      <PageHeader
        title={
          <Space wrap>
            <Link
              to={base ? `/projects/${base.id}` : '/projects'}
              aria-label={t(base ? 'projects.backToProject' : 'projects.backToList')}
            >
              <ArrowLeftOutlined />
            </Link>
            {base ? t('projects.editTitle') : t('projects.createTitle')}
            {base && <ProjectStatusTag status={base.status} testId="declaration-status" />}
          </Space>
        }
        sub={t('projects.formSub')}
      />
      <Space direction="vertical" size={12} className="ty-declaration-notes">
        {base?.status === 'returned' && base.lastDecisionNote && (
          <Alert
            type="warning"
            showIcon
            data-testid="decision-note"
            message={t('projects.returnedNoteTitle')}
            description={<div className="ty-decision-note">{base.lastDecisionNote}</div>}
          />
        )}
        {windowError && (
          <Alert
            type="error"
            showIcon
            message={windowError}
            data-testid="window-closed"
            closable
            onClose={() => setWindowError(null)}
          />
        )}
        {!windowError && windowShut && (
          <Alert
            type="warning"
            showIcon
            data-testid="window-shut"
            data-state={windowState}
            message={keepDates(t(`projects.window.${windowState}`, windowVars))}
          />
        )}
      </Space>
      <Form<DeclarationFormValues>
        form={form}
        name="declaration"
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed) => {
          setDirty(true);
          clearTouchedErrors(form, changed);
        }}
        disabled={busy !== null}
      >
        <Card title={<span className="ty-accent-title">{t('projects.section.declarer')}</span>} variant="borderless">
          {base ? (
            <Descriptions column={{ xs: 1, sm: 1, md: 3 }} size="small">
              <Descriptions.Item label={t('projects.col.campaign')}>{base.campaignName}</Descriptions.Item>
              <Descriptions.Item label={t('projects.col.org')}>{base.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('projects.field.secretary')}>{base.secretaryName}</Descriptions.Item>
            </Descriptions>
          ) : (
            <>
              {secretaryOrgs.length === 0 && (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('projects.noSecretaryRole')} />
              )}
              <div className="ty-declaration-row">
                <Form.Item name="campaignId" label={t('projects.col.campaign')} required>
                  <Select
                    placeholder={t('common.selectHint')}
                    loading={published.isPending}
                    options={campaignOptions}
                    optionRender={(o) => (
                      <div className="ty-campaign-option">
                        <span className="ty-campaign-option-name">{o.label}</span>
                        <Tag color={o.data.state === 'open' ? 'green' : undefined} bordered={false}>
                          {t(`projects.windowTag.${o.data.state}`)}
                        </Tag>
                      </div>
                    )}
                    notFoundContent={t('projects.noOpenCampaign')}
                  />
                </Form.Item>
                <Form.Item name="orgId" label={t('projects.field.org')} required>
                  <Select placeholder={t('common.selectHint')} options={secretaryOrgs} />
                </Form.Item>
                <Form.Item label={t('projects.field.secretary')}>
                  <span data-testid="declaration-secretary">{me.displayName}</span>
                </Form.Item>
              </div>
            </>
          )}
        </Card>
        <div style={{ height: 16 }} />
        <DeclarationFields
          themes={campaign?.themes ?? []}
          challengeTitle={base?.content.challengeId ? (base.challengeTitle ?? t('projects.challengeLinked')) : null}
          projectId={base?.id ?? null}
          orgId={base?.orgId ?? declaringOrgId ?? null}
        />
        <div className="ty-declaration-actions">
          <span
            className={`ty-declaration-actions-hint${submitBlocked ? ' ty-declaration-actions-hint-warn' : ''}`}
            data-testid="declaration-actions-hint"
          >
            {submitBlocked ? keepDates(submitBlocked) : dirty ? t('projects.unsaved') : t('projects.draftHint')}
          </span>
          <Button onClick={() => navigate(base ? `/projects/${base.id}` : '/projects')} disabled={false}>
            {t('common.back')}
          </Button>
          <Button icon={<SaveOutlined />} onClick={() => void onSaveDraft()} loading={busy === 'save'}>
            {t('projects.saveDraft')}
          </Button>
          <Tooltip title={submitBlocked}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={onSubmit}
              loading={busy === 'submit'}
              disabled={submitBlocked !== null}
              data-testid="declaration-submit"
            >
              {t(resubmitting ? 'projects.resubmit' : 'projects.submit')}
            </Button>
          </Tooltip>
        </div>
      </Form>
    </div>
  );
}
