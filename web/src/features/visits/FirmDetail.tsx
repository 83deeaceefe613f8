import { useState } from 'react';
import {
  DEMAND_CATEGORIES,
  DEMAND_STATUSES,
  VISIT_KINDS,
  VISIT_STATUSES,
  type DemandStatus,
} from '@touyan/schemas/plain';
import type { MyFirm, VisitView } from '@touyan/schemas';
import { ErrorState } from '../../components/light/ErrorState';
import { Button, Spinner, Tag } from '../../components/light/ui';
import { useLabel, useT } from '../../i18n';
import { useFirmOpenDemands, useFirmVisits } from './hooks';
import { VisitEditor } from './VisitEditor';

const STATUS_COLOR: Record<DemandStatus, string> = {
  received: 'orange',
  accepted: 'blue',
  in_progress: 'blue',
  returned: 'red',
  resolved: 'green',
  closed: 'default',
};

export function DemandStatusTag({ status }: { status: DemandStatus }) {
  const label = useLabel();
  return <Tag color={STATUS_COLOR[status]}>{label(DEMAND_STATUSES, status)}</Tag>;
}

/** One visit as the phone shows it: when and how, what was found, its photos and the demands it raised. */
export function VisitCard({ v }: { v: VisitView }) {
  const t = useT();
  const label = useLabel();
  const [editing, setEditing] = useState(false);
  // A logged visit (not an online one awaiting its form) is edited by who may (`update`).
  const editable = v.abilities.includes('update') && v.kind !== 'online' && v.visitedOn !== null;
  if (editing) return <VisitEditor v={v} onDone={() => setEditing(false)} />;
  return (
    <div className="ty-field-visit" data-testid={`visit-${v.id}`}>
      <div className="ty-field-card-meta ty-field-visit-head">
        <span>
          {v.visitedOn ?? '—'} · {label(VISIT_KINDS, v.kind)}
          {v.status !== 'recorded' ? ` · ${label(VISIT_STATUSES, v.status)}` : ''} · {v.createdByName}
        </span>
        {editable && (
          <Button onClick={() => setEditing(true)} data-testid="visit-edit">
            {t('visit.edit')}
          </Button>
        )}
      </div>
      {v.contactName && <div className="ty-field-hint">{t('firm.contact', { name: v.contactName })}</div>}
      {v.findings && <p className="ty-field-findings">{v.findings}</p>}
      {v.photos.length > 0 && (
        <div className="ty-field-photos">
          {v.photos.map((p) => (
            <a className="ty-field-thumb" key={p.id} href={p.url} target="_blank" rel="noreferrer">
              <img src={p.url} alt={t('photo.alt')} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {v.demands.length > 0 && (
        <ul className="ty-field-demand-list" aria-label={t('firm.demandsRaised')}>
          {v.demands.map((d) => (
            <li key={d.id}>
              <span className="ty-field-demand-title">{d.title}</span>
              <DemandStatusTag status={d.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A firm's open demands and latest visits, with the two ways to record a new one. */
export function FirmDetail({
  firm,
  onLog,
  onOnline,
  onBack,
}: {
  firm: MyFirm;
  onLog: () => void;
  onOnline: () => void;
  onBack: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const demands = useFirmOpenDemands(firm.hostOrgId);
  const visits = useFirmVisits(firm.hostOrgId);

  return (
    <>
      <div className="ty-field-card" data-testid="firm-detail">
        <div className="ty-field-card-title">{firm.name}</div>
        <div className="ty-field-card-meta">
          {firm.regionName}
          {firm.address ? ` · ${firm.address}` : ''}
        </div>
        <div className="ty-field-actions">
          <Button size="large" onClick={onBack}>
            {t('field.back')}
          </Button>
          <Button primary size="large" onClick={onLog}>
            {t('field.log')}
          </Button>
          <Button size="large" onClick={onOnline}>
            {t('field.online')}
          </Button>
        </div>
      </div>
      <div className="ty-field-card" data-testid="firm-open-demands">
        <div className="ty-field-section-title">{t('firm.openDemands')}</div>
        {demands.isPending ? (
          <Spinner />
        ) : demands.error ? (
          <ErrorState error={demands.error} onRetry={() => void demands.refetch()} />
        ) : !demands.data.items.length ? (
          <div className="ty-field-hint">{t('firm.noOpenDemands')}</div>
        ) : (
          <ul className="ty-field-demand-list">
            {demands.data.items.map((d) => (
              <li key={d.id}>
                <span className="ty-field-demand-title">
                  {d.title}
                  <span className="ty-field-demand-sub">
                    {label(DEMAND_CATEGORIES, d.category)} · {t('firm.received', { date: d.receivedOn })}
                    {d.leadDepartment ? ` · ${d.leadDepartment.name}` : ''}
                  </span>
                </span>
                <DemandStatusTag status={d.status} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="ty-field-card">
        <div className="ty-field-section-title">{t('firm.visits')}</div>
        {visits.isPending ? (
          <Spinner />
        ) : visits.error ? (
          <ErrorState error={visits.error} onRetry={() => void visits.refetch()} />
        ) : !visits.data.items.length ? (
          <div className="ty-field-hint">{t('firm.noVisits')}</div>
        ) : (
          visits.data.items.map((v) => <VisitCard key={v.id} v={v} />)
        )}
      </div>
    </>
  );
}
