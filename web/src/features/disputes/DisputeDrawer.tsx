import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import {
  ARBITRATION_STATUSES,
  AWARD_RESULTS,
  DISPUTE_CLOCKS,
  DISPUTE_EVENTS,
  DISPUTE_OUTCOMES,
  DISPUTE_SOURCES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  DISPUTE_WORKFLOW,
  JUDGEMENT_RESULTS,
  LEGAL_AID_STATUSES,
  LITIGATION_KINDS,
  MEDIATION_STATUSES,
  RESPONDENT_KINDS,
  type DisputeClockView,
  type DisputeDetailView,
  type DisputeEvent,
} from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/time';
import { useIsMobile } from '../../components/useIsMobile';
import { useLabel, useT } from '../../i18n';
import { ClockTag, StatusTag, useClockText, yuan } from './display';
import { EventModal } from './EventModal';
import { EvidenceUpload } from './LazyEvidenceUpload';
import { useAddEvidence, useDisputeCase } from './hooks';

/** Workflow events that move the case forward: shown as primary buttons. */
const PRIMARY: readonly DisputeEvent[] = [
  'start_mediation',
  'mediation_agreement',
  'accept_arbitration',
  'award',
  'close',
];
const WORKFLOW_ORDER = DISPUTE_WORKFLOW.map((w) => w.event);
const dash = (v: string | null | undefined) => v || '—';

function Clocks({ clocks }: { clocks: DisputeClockView[] }) {
  const t = useT();
  const label = useLabel();
  const text = useClockText();
  return (
    <Table<DisputeClockView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={clocks}
      data-testid="case-clocks"
      locale={{ emptyText: t('dsp.noClock') }}
      columns={[
        {
          title: t('dsp.clockKind'),
          dataIndex: 'kind',
          render: (k: DisputeClockView['kind'], r) => (
            <span>
              {label(DISPUTE_CLOCKS, k)}
              {r.extendedDays > 0 && (
                <Typography.Text type="secondary"> （{t('dsp.extendedDays', { n: r.extendedDays })}）</Typography.Text>
              )}
            </span>
          ),
        },
        { title: t('dsp.startedOn'), dataIndex: 'startedOn', width: 110 },
        { title: t('dsp.dueOn'), dataIndex: 'dueOn', width: 110 },
        {
          title: t('dsp.clockState'),
          key: 'state',
          width: 150,
          render: (_, r) => (r.daysLeft !== null ? <ClockTag clock={r} withKind={false} /> : <Tag>{text(r)}</Tag>),
        },
      ]}
    />
  );
}

function Stages({ c }: { c: DisputeDetailView }) {
  const t = useT();
  const label = useLabel();
  const m = c.mediation;
  const a = c.arbitration;
  const l = c.litigation;
  const none = <Typography.Text type="secondary">{t('dsp.noStage')}</Typography.Text>;
  return (
    <div className="ty-dsp-stages" data-testid="case-stages">
      <Card size="small" title={t('dsp.mediation')} extra={m && <Tag>{label(MEDIATION_STATUSES, m.status)}</Tag>}>
        {m ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('dsp.mediator')}>{dash(m.mediatorName)}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.receivedOn')}>{m.receivedOn}</Descriptions.Item>
            {m.terms && <Descriptions.Item label={t('dsp.terms')}>{m.terms}</Descriptions.Item>}
            {m.agreedFen !== null && (
              <Descriptions.Item label={t('dsp.agreedAmount')}>{yuan(m.agreedFen)}</Descriptions.Item>
            )}
            {m.status === 'agreed' && (
              <>
                <Descriptions.Item label={t('dsp.performBy')}>{dash(m.performBy)}</Descriptions.Item>
                <Descriptions.Item label={t('dsp.performed')}>
                  {m.performed === null
                    ? t('dsp.performed.unknown')
                    : `${t(m.performed ? 'dsp.performed.yes' : 'dsp.performed.no')} ${m.performedOn ?? ''}`}
                </Descriptions.Item>
              </>
            )}
            {m.failureReason && <Descriptions.Item label={t('dsp.failureReason')}>{m.failureReason}</Descriptions.Item>}
          </Descriptions>
        ) : (
          none
        )}
      </Card>
      <Card size="small" title={t('dsp.arbitration')} extra={a && <Tag>{label(ARBITRATION_STATUSES, a.status)}</Tag>}>
        {a ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('dsp.commission')}>{a.commission}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.appliedOn')}>{a.appliedOn}</Descriptions.Item>
            {a.acceptedOn && (
              <Descriptions.Item label={t('dsp.acceptedOn')}>
                {a.acceptedOn} {a.arbCaseNo}
              </Descriptions.Item>
            )}
            {a.refusedOn && (
              <Descriptions.Item label={t('dsp.refusal')}>
                {a.refusedOn} {a.refusalReason}
              </Descriptions.Item>
            )}
            {a.hearingOn && <Descriptions.Item label={t('dsp.hearingOn')}>{a.hearingOn}</Descriptions.Item>}
            {a.awardedOn && (
              <Descriptions.Item label={t('dsp.awardResult')}>
                {a.awardedOn} {a.awardResult ? label(AWARD_RESULTS, a.awardResult) : ''} {yuan(a.awardFen)}
                {a.finalAward && <Tag style={{ marginInlineStart: 6 }}>{t('dsp.finalAward')}</Tag>}
              </Descriptions.Item>
            )}
          </Descriptions>
        ) : (
          none
        )}
      </Card>
      <Card size="small" title={t('dsp.litigation')} extra={l && <Tag>{label(LITIGATION_KINDS, l.kind)}</Tag>}>
        {l ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('dsp.court')}>{l.court}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.filedOn')}>
              {l.filedOn} {l.courtCaseNo ?? ''}
            </Descriptions.Item>
            {l.judgedOn && (
              <Descriptions.Item label={t('dsp.judgement')}>
                {l.judgedOn} {l.judgementResult ? label(JUDGEMENT_RESULTS, l.judgementResult) : ''}{' '}
                {yuan(l.judgementFen)}
              </Descriptions.Item>
            )}
          </Descriptions>
        ) : (
          none
        )}
      </Card>
      <Card size="small" title={t('dsp.legalAid')}>
        {c.legalAids.length
          ? c.legalAids.map((x) => (
              <Descriptions key={x.id} column={1} size="small">
                <Descriptions.Item label={t('dsp.provider')}>
                  {x.provider} <Tag>{label(LEGAL_AID_STATUSES, x.status)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('dsp.appliedOn')}>
                  {x.appliedOn}（{label(DISPUTE_STATUSES, x.stage)}）
                </Descriptions.Item>
                {x.lawyerName && (
                  <Descriptions.Item label={t('dsp.lawyer')}>
                    {x.lawyerName} {x.lawFirm ?? ''}
                  </Descriptions.Item>
                )}
                {x.reason && <Descriptions.Item label={t('dsp.f.reason')}>{x.reason}</Descriptions.Item>}
              </Descriptions>
            ))
          : none}
      </Card>
    </div>
  );
}

/** One case: parties, every clock, the stage records, the timeline, evidence; the actions its abilities allow. */
export function DisputeDrawer({
  id,
  onClose,
  onGroup,
}: {
  id: string | undefined;
  onClose: () => void;
  onGroup?: (groupId: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const mobile = useIsMobile();
  const q = useDisputeCase(id);
  const [event, setEvent] = useState<DisputeEvent | null>(null);
  const addEvidence = useAddEvidence(id ?? '');
  const c = q.data;
  const events = (c?.abilities ?? [])
    .filter((a): a is DisputeEvent => (WORKFLOW_ORDER as string[]).includes(a))
    .sort((x, y) => WORKFLOW_ORDER.indexOf(x) - WORKFLOW_ORDER.indexOf(y));
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={mobile ? '100%' : 880}
      loading={q.isLoading}
      title={
        c && (
          <Space wrap>
            <span data-testid="case-no">{c.caseNo}</span>
            <StatusTag status={c.status} />
            {c.groupId && <Tag color="blue">{t('dsp.groupBadge')}</Tag>}
          </Space>
        )
      }
      extra={
        c && (
          <Space>
            <Button href={`/disputes/${c.id}/summary`} target="_blank" data-testid="open-summary">
              {t('dsp.summary')}
            </Button>
            {c.mediation?.status === 'agreed' && (
              <Button href={`/disputes/${c.id}/agreement`} target="_blank">
                {t('dsp.agreement')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {q.error && !c && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {c && (
        <div data-testid="case-detail">
          {events.length > 0 && (
            <Space wrap style={{ marginBottom: 16 }} data-testid="case-actions">
              {events.map((e) => (
                <Button
                  key={e}
                  type={PRIMARY.includes(e) ? 'primary' : 'default'}
                  onClick={() => setEvent(e)}
                  data-testid={`act-${e}`}
                >
                  {label(DISPUTE_EVENTS, e)}
                </Button>
              ))}
            </Space>
          )}
          <Descriptions column={mobile ? 1 : 2} size="small" bordered>
            <Descriptions.Item label={t('dsp.worker')}>
              {c.workerName} {c.workerMobileMasked}
            </Descriptions.Item>
            <Descriptions.Item label={t('dsp.respondent')}>
              {c.respondentName}（{label(RESPONDENT_KINDS, c.respondentKind)}）
              {c.respondentCreditCode && <div className="ty-muted">{c.respondentCreditCode}</div>}
            </Descriptions.Item>
            <Descriptions.Item label={t('dsp.type')}>{label(DISPUTE_TYPES, c.type)}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.claim')}>{yuan(c.claimFen)}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.centre')}>{c.centreName}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.source')}>
              {label(DISPUTE_SOURCES, c.source)}
              {c.sourceNote ? ` · ${c.sourceNote}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('dsp.receivedOn')}>{c.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.knownOn')}>{dash(c.knownOn)}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.mediator')}>{dash(c.mediatorName)}</Descriptions.Item>
            <Descriptions.Item label={t('dsp.group')}>
              {c.groupId ? (
                <Space size={4} wrap>
                  {c.groupTitle}
                  {onGroup && (
                    <a onClick={() => onGroup(c.groupId!)} data-testid="case-group">
                      {t('dsp.openGroup')}
                    </a>
                  )}
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {c.status === 'closed' && (
              <>
                <Descriptions.Item label={t('dsp.outcome')}>
                  {c.outcome ? label(DISPUTE_OUTCOMES, c.outcome) : '—'} · {c.closedOn}
                </Descriptions.Item>
                <Descriptions.Item label={t('dsp.recovered')}>{yuan(c.recoveredFen)}</Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={t('dsp.facts')} span={mobile ? 1 : 2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.facts}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('dsp.clocks')}
          </Typography.Title>
          <Clocks clocks={c.clocks} />
          {c.extensions.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('dsp.extensions')}
              </Typography.Title>
              <ul className="ty-dsp-list" data-testid="case-extensions">
                {c.extensions.map((x, i) => (
                  <li key={i}>
                    {t('dsp.ext.line', {
                      clock: label(DISPUTE_CLOCKS, x.clock),
                      days: x.days,
                      from: x.dueBefore,
                      to: x.dueAfter,
                      reason: x.reason,
                      by: x.agreedBy,
                    })}
                    <Typography.Text type="secondary">
                      {' '}
                      {x.byName ?? ''} {formatDateTime(x.at)}
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            </>
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('dsp.stages')}
          </Typography.Title>
          <Stages c={c} />

          <div className="ty-dsp-two">
            <div>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('dsp.timeline')}
              </Typography.Title>
              <Timeline
                data-testid="case-timeline"
                items={c.timeline.map((e, i) => ({
                  key: i,
                  color: e.event === 'clock_overdue' ? 'red' : e.event === 'close' ? 'green' : 'blue',
                  children: (
                    <div>
                      <Typography.Text strong>
                        {e.event in DISPUTE_EVENTS
                          ? label(DISPUTE_EVENTS, e.event as DisputeEvent)
                          : t(`dsp.tl.${e.event as 'intake'}`)}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at)} {e.actorName ?? ''}
                      </Typography.Text>
                      {e.note && <div className="ty-dsp-note">{e.note}</div>}
                    </div>
                  ),
                }))}
              />
            </div>
            <div>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('dsp.evidence')}
              </Typography.Title>
              {c.evidence.length ? (
                <ul className="ty-dsp-list" data-testid="case-evidence">
                  {c.evidence.map((f) => (
                    <li key={f.id}>
                      <a href={f.url} target="_blank" rel="noreferrer">
                        {f.filename}
                      </a>{' '}
                      <Typography.Text type="secondary">{Math.ceil(f.size / 1024)} KB</Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dsp.noEvidence')} />
              )}
              {c.abilities.includes('evidence') && (
                <EvidenceUpload
                  taken={0}
                  testId="case-evidence-add"
                  onUploaded={(f) => addEvidence.mutateAsync([f.id])}
                />
              )}
            </div>
          </div>
          <EventModal c={c} event={event} onClose={() => setEvent(null)} />
        </div>
      )}
    </Drawer>
  );
}
