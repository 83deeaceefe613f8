import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { useErrorToast, useToast } from '../../components/light/feedback';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { Alert, Button, Spinner } from '../../components/light/ui';
import { addStrings, useT } from '../../i18n';
import { beijingToday } from './beijing';
import { DemandItems, draftItems, draftProblems, type DemandDraft } from './DemandItems';
import { useFillOnlineVisit, useOnlineVisit } from './hooks';
import { visitFieldStrings } from './fieldStrings';
import './field.css';

// A light page without login (App.tsx): the link's secret is the key.
addStrings(visitFieldStrings);

/** 线上访企: the firm's contact opens the link the specialist sent and fills in a short form, once. */
export default function OnlineVisitPage() {
  const t = useT();
  const { token = '' } = useParams();
  const visit = useOnlineVisit(token);
  const fill = useFillOnlineVisit(token);
  const onError = useErrorToast();
  const [contactName, setContactName] = useState('');
  const [findings, setFindings] = useState('');
  const [tried, setTried] = useState(false);
  const [demands, setDemands] = useState<DemandDraft[]>([]);
  const toast = useToast();

  const submit = () => {
    setTried(true);
    if (!contactName.trim() || !findings.trim()) return;
    if (demands.some((d) => Object.keys(draftProblems(d)).length > 0)) {
      toast.error(t('demand.incomplete'));
      return;
    }
    fill.mutate({ contactName, findings, demands: draftItems(demands) }, { onError });
  };

  const body = () => {
    if (visit.isPending) return <Spinner size="large" />;
    if (visit.error) {
      if (isApiError(visit.error) && (visit.error.status === 404 || visit.error.status === 400))
        return <Alert title={t('online.invalid')} />;
      return <ErrorState error={visit.error} onRetry={() => void visit.refetch()} />;
    }
    const v = visit.data;
    if (fill.isSuccess)
      return (
        <div className="ty-field-card" data-testid="online-thanks">
          {t('online.thanks')}
        </div>
      );
    if (v.status === 'expired') return <Alert title={t('online.expired')} />;
    if (v.status === 'recorded') return <Alert title={t('online.done')} />;
    return (
      <div className="ty-field-card">
        <p style={{ marginTop: 0 }}>{t('online.intro', { specialist: v.specialistName, firm: v.hostOrgName })}</p>
        {v.note && <p className="ty-field-hint">{v.note}</p>}
        <label className="ty-field" style={{ display: 'block' }}>
          <span className="ty-field-label">{t('online.contactName')}</span>
          <span className={`ty-field-box${tried && !contactName.trim() ? ' is-invalid' : ''}`}>
            <input
              value={contactName}
              maxLength={30}
              autoComplete="name"
              data-testid="online-contact"
              onChange={(e) => setContactName(e.target.value)}
            />
          </span>
        </label>
        <label className="ty-field" style={{ display: 'block' }}>
          <span className="ty-field-label">{t('online.findings')}</span>
          <span className={`ty-field-box${tried && !findings.trim() ? ' is-invalid' : ''}`}>
            <textarea
              value={findings}
              maxLength={2000}
              data-testid="online-findings"
              onChange={(e) => setFindings(e.target.value)}
            />
          </span>
        </label>
        <p className="ty-field-hint">{t('online.demandsHint')}</p>
        <DemandItems value={demands} onChange={setDemands} showErrors={tried} />
        <Button primary size="large" block loading={fill.isPending} onClick={submit} data-testid="online-submit">
          {t('online.submit')}
        </Button>
        <p className="ty-field-hint">{t('online.expires', { at: beijingToday(new Date(v.expiresAt)) })}</p>
      </div>
    );
  };

  return (
    <div className="ty-field-page ty-light">
      <header className="ty-field-head">
        <div className="ty-field-head-main">
          <h1 className="ty-field-title">{t('online.title')}</h1>
          {visit.data && <div className="ty-field-sub">{visit.data.hostOrgName}</div>}
        </div>
        <LanguageSwitch />
      </header>
      {body()}
    </div>
  );
}
