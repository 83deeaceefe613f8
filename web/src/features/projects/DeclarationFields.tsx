import { useMemo, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TARGET_GROUPS, type Theme } from '@touyan/schemas';
import { useDictOptions, useLocale, useT, type MessageKey } from '../../i18n';
import { useFigures } from './hooks';
import { AttachmentsField } from './AttachmentsField';
import { usePartyOrgTree } from '../party-orgs/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';

/** A date kept as `YYYY-MM-DD` in the form, shown in a DatePicker. */
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** The declaring organisation's subtree (itself and every node below it in the visible tree). */
function useSubtree(orgId: string | null): Set<string> {
  const tree = usePartyOrgTree(!!orgId);
  return useMemo(() => {
    const out = new Set<string>();
    if (!orgId) return out;
    out.add(orgId);
    // The tree is ordered by depth: a child comes after its parent.
    for (const o of tree.data ?? []) if (o.parentId && out.has(o.parentId)) out.add(o.id);
    return out;
  }, [tree.data, orgId]);
}

function Section({ title, children, extra }: { title: MessageKey; children: ReactNode; extra?: ReactNode }) {
  const t = useT();
  return (
    <Card title={<span className="ty-accent-title">{t(title)}</span>} extra={extra} variant="borderless">
      {children}
    </Card>
  );
}

function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <Tooltip title={label}>
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={onClick} />
    </Tooltip>
  );
}

/** The sections of the 申报书 inside the `declaration` form. Fields marked * are needed to submit. */
export function DeclarationFields({
  themes,
  challengeTitle,
  projectId,
  orgId = null,
}: {
  themes: Theme[];
  challengeTitle: string | null;
  projectId: string | null;
  /** The declaring organisation: a bound indicator's area may be it or one below it. */
  orgId?: string | null;
}) {
  const t = useT();
  const options = useDictOptions();
  const theme = Form.useWatch('theme') as string | undefined;
  const { TextArea } = Input;
  const [locale] = useLocale();
  const figures = useFigures();
  const form = Form.useFormInstance();
  const subtree = useSubtree(orgId);
  const indicatorRows = Form.useWatch('indicators') as { figure?: string | null }[] | undefined;
  const figureOptions = [
    { value: '', label: t('projects.figureManual') },
    ...(figures.data ?? []).map((f) => ({ value: f.key, label: f.label[locale], title: f.description[locale] })),
  ];
  /** Choosing a figure fills the unit (and a zero baseline) when the row has none yet. */
  const onFigure = (row: number, key: string) => {
    const f = figures.data?.find((x) => x.key === key);
    const cur = (form.getFieldValue(['indicators', row]) ?? {}) as { unit?: string; baseline?: number | null };
    form.setFieldValue(['indicators', row, 'figure'], key || null);
    if (f && !cur.unit) form.setFieldValue(['indicators', row, 'unit'], f.unit);
    if (f && (cur.baseline === undefined || cur.baseline === null))
      form.setFieldValue(['indicators', row, 'baseline'], 0);
  };

  return (
    <>
      <Section title="projects.section.basic">
        {challengeTitle && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('projects.field.challenge')}
            description={challengeTitle}
            data-testid="declaration-challenge"
          />
        )}
        <Form.Item
          name="title"
          label={t('projects.field.title')}
          rules={[{ required: true, message: t('projects.required') }]}
        >
          <Input maxLength={80} showCount placeholder={t('projects.ph.title')} />
        </Form.Item>
        <div className="ty-declaration-row">
          <Form.Item
            name="theme"
            label={t('projects.field.theme')}
            required
            extra={themes.find((th) => th.code === theme)?.description}
          >
            <Select
              allowClear
              placeholder={t('common.selectHint')}
              options={themes.map((th) => ({ value: th.code, label: th.name }))}
              notFoundContent={t('projects.pickCampaignFirst')}
            />
          </Form.Item>
          <Form.Item name="targetGroup" label={t('projects.field.targetGroup')} required>
            <Select allowClear placeholder={t('common.selectHint')} options={options(TARGET_GROUPS)} />
          </Form.Item>
        </div>
        <Form.Item name="problem" label={t('projects.field.problem')} required>
          <TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={3000}
            showCount
            placeholder={t('projects.ph.problem')}
          />
        </Form.Item>
      </Section>

      <Section title="projects.section.reach">
        <div className="ty-declaration-row">
          <Form.Item name="reachCount" label={t('projects.field.reachCount')} required>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: '100%' }} placeholder="120" />
          </Form.Item>
          <Form.Item name="reachUnit" label={t('projects.field.reachUnit')}>
            <Input maxLength={10} placeholder={t('projects.ph.reachUnit')} />
          </Form.Item>
        </div>
        <Form.Item
          name="reachRationale"
          label={t('projects.field.reachRationale')}
          extra={t('projects.hint.reachRationale')}
          className="ty-item-counted"
          required
        >
          <TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
      </Section>

      <Section title="projects.section.goals">
        <Form.Item name="objectives" label={t('projects.field.objectives')} required>
          <TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={3000} showCount />
        </Form.Item>
        <Form.Item name="measures" label={t('projects.field.measures')} required>
          <TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={5000} showCount />
        </Form.Item>
      </Section>

      <Form.List name="milestones">
        {(fields, { add, remove }, { errors }) => (
          <Section
            title="projects.section.milestones"
            extra={
              <Button icon={<PlusOutlined />} size="small" onClick={() => add({})} disabled={fields.length >= 30}>
                {t('projects.addMilestone')}
              </Button>
            }
          >
            {fields.length > 0 && (
              <div className="ty-list-head" aria-hidden>
                <span style={{ flex: '0 0 24px' }} />
                <span style={{ flex: '2 1 220px' }}>{t('projects.field.milestoneName')}</span>
                <span style={{ flex: '1 1 140px' }}>{t('projects.field.milestoneDue')}</span>
                <span style={{ flex: '0 0 32px' }} />
              </div>
            )}
            {fields.map((f, i) => (
              <div key={f.key} className="ty-list-row" data-testid="milestone-row">
                <span className="ty-list-row-index">{i + 1}</span>
                <Form.Item name={[f.name, 'name']} style={{ flex: '2 1 220px' }}>
                  <Input
                    maxLength={60}
                    placeholder={t('projects.ph.milestoneName')}
                    aria-label={t('projects.field.milestoneName')}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'dueDate']} style={{ flex: '1 1 140px' }}>
                  <DatePicker
                    style={{ width: '100%' }}
                    placeholder={t('projects.field.milestoneDue')}
                    aria-label={t('projects.field.milestoneDue')}
                  />
                </Form.Item>
                <RemoveButton label={t('projects.removeRow')} onClick={() => remove(f.name)} />
              </div>
            ))}
            {fields.length === 0 && <div className="ty-list-empty">{t('projects.noMilestonesYet')}</div>}
            <Form.ErrorList errors={errors} />
          </Section>
        )}
      </Form.List>

      <Form.List name="indicators">
        {(fields, { add, remove }, { errors }) => (
          <Section
            title="projects.section.indicators"
            extra={
              <Button icon={<PlusOutlined />} size="small" onClick={() => add({})} disabled={fields.length >= 20}>
                {t('projects.addIndicator')}
              </Button>
            }
          >
            {fields.length > 0 && (
              <div className="ty-list-head" aria-hidden>
                <span style={{ flex: '0 0 24px' }} />
                <span style={{ flex: '2 1 160px' }}>{t('projects.field.indicatorName')}</span>
                <span style={{ flex: '1 1 70px' }}>{t('projects.field.indicatorUnit')}</span>
                <span style={{ flex: '1 1 90px' }}>{t('projects.field.indicatorBaseline')}</span>
                <span style={{ flex: '0 0 16px' }} />
                <span style={{ flex: '1 1 90px' }}>{t('projects.field.indicatorTarget')}</span>
                <span style={{ flex: '2 1 150px' }}>{t('projects.field.indicatorSource')}</span>
                <span style={{ flex: '0 0 32px' }} />
              </div>
            )}
            {fields.map((f, i) => (
              <div key={f.key} className="ty-list-row" data-testid="indicator-row">
                <span className="ty-list-row-index">{i + 1}</span>
                <Form.Item name={[f.name, 'name']} style={{ flex: '2 1 160px' }}>
                  <Input
                    maxLength={40}
                    placeholder={t('projects.ph.indicatorName')}
                    aria-label={t('projects.field.indicatorName')}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'unit']} style={{ flex: '1 1 70px' }}>
                  <Input
                    maxLength={10}
                    placeholder={t('projects.ph.indicatorUnit')}
                    aria-label={t('projects.field.indicatorUnit')}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'baseline']} style={{ flex: '1 1 90px' }}>
                  <InputNumber
                    min={0}
                    max={1e9}
                    style={{ width: '100%' }}
                    placeholder={t('projects.field.indicatorBaseline')}
                    aria-label={t('projects.field.indicatorBaseline')}
                  />
                </Form.Item>
                <span
                  className="ty-indicator-arrow"
                  style={{ lineHeight: '32px', flex: '0 0 16px', margin: 0, textAlign: 'center' }}
                >
                  →
                </span>
                <Form.Item name={[f.name, 'target']} style={{ flex: '1 1 90px' }}>
                  <InputNumber
                    min={0}
                    max={1e9}
                    style={{ width: '100%' }}
                    placeholder={t('projects.field.indicatorTarget')}
                    aria-label={t('projects.field.indicatorTarget')}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'figure']}
                  style={{ flex: '2 1 150px' }}
                  getValueProps={(v: string | null | undefined) => ({ value: v ?? '' })}
                >
                  <Select
                    options={figureOptions}
                    loading={figures.isPending}
                    aria-label={t('projects.field.indicatorSource')}
                    popupMatchSelectWidth={false}
                    onChange={(v: string) => onFigure(f.name, v)}
                    data-testid="indicator-figure"
                  />
                </Form.Item>
                <RemoveButton label={t('projects.removeRow')} onClick={() => remove(f.name)} />
                {indicatorRows?.[f.name]?.figure && (
                  <div className="ty-indicator-binding" data-testid="indicator-binding">
                    <Form.Item name={[f.name, 'figureFrom']} label={t('projects.figureFrom')} {...dateProps}>
                      <DatePicker
                        placeholder={t('projects.figurePeriodHint')}
                        aria-label={t('projects.figureFrom')}
                        data-testid="indicator-figure-from"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'figureTo']} label={t('projects.figureTo')} {...dateProps}>
                      <DatePicker
                        placeholder={t('projects.figurePeriodHint')}
                        aria-label={t('projects.figureTo')}
                        data-testid="indicator-figure-to"
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'figureOrgId']}
                      label={t('projects.figureArea')}
                      style={{ flex: '1 1 220px' }}
                      data-testid="indicator-figure-area"
                    >
                      <PartyOrgTreeSelect
                        placeholder={t('projects.figureAreaHint')}
                        isSelectable={(o) => subtree.has(o.id)}
                      />
                    </Form.Item>
                  </div>
                )}
              </div>
            ))}
            {fields.length === 0 && <div className="ty-list-empty">{t('projects.noIndicatorsYet')}</div>}
            {fields.length > 0 && <div className="ty-list-hint">{t('projects.figureHint')}</div>}
            <Form.ErrorList errors={errors} />
          </Section>
        )}
      </Form.List>

      <Section title="projects.section.team">
        <Form.List name="team">
          {(fields, { add, remove }) => (
            <Form.Item label={t('projects.field.team')}>
              {fields.map((f, i) => (
                <div key={f.key} className="ty-list-row" data-testid="team-row">
                  <span className="ty-list-row-index">{i + 1}</span>
                  <Form.Item name={[f.name, 'name']} style={{ flex: '1 1 140px' }}>
                    <Input
                      maxLength={20}
                      placeholder={t('projects.field.memberName')}
                      aria-label={t('projects.field.memberName')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} style={{ flex: '2 1 180px' }}>
                    <Input
                      maxLength={30}
                      placeholder={t('projects.ph.memberRole')}
                      aria-label={t('projects.field.memberRole')}
                    />
                  </Form.Item>
                  <RemoveButton label={t('projects.removeRow')} onClick={() => remove(f.name)} />
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ userId: null })}
                disabled={fields.length >= 30}
              >
                {t('projects.addMember')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="partners" label={t('projects.field.partners')} extra={t('projects.hint.partners')}>
          <Select
            mode="tags"
            tokenSeparators={[',', '，', '、']}
            maxCount={20}
            open={false}
            suffixIcon={null}
            placeholder={t('projects.ph.partners')}
          />
        </Form.Item>
      </Section>

      <Section title="projects.section.funding">
        <div className="ty-declaration-row">
          <Form.Item name="fundingYuan" label={t('projects.field.fundingYuan')}>
            <InputNumber
              min={0}
              max={1e10}
              precision={2}
              style={{ width: '100%' }}
              addonAfter={t('projects.yuanUnit')}
            />
          </Form.Item>
          <Form.Item name="fundingSource" label={t('projects.field.fundingSource')} style={{ flexGrow: 2 }}>
            <Input maxLength={200} placeholder={t('projects.ph.fundingSource')} />
          </Form.Item>
        </div>
      </Section>

      <Section title="projects.section.attachments">
        <Form.Item name="attachmentIds" noStyle>
          <AttachmentsField projectId={projectId} />
        </Form.Item>
      </Section>
    </>
  );
}
