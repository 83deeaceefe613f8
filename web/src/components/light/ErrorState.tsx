import { Link } from 'react-router-dom';
import { isApiError, isNotFound } from '../../api/client';
import { useT } from '../../i18n';
import { Alert, Button } from './ui';

function ResultPage({
  testId,
  code,
  title,
  desc,
  to,
  action,
}: {
  testId: string;
  code: string;
  title: string;
  desc: string;
  to: string;
  action: string;
}) {
  return (
    <div className="ty-result" data-testid={testId}>
      <div className="ty-result-code" aria-hidden="true">
        {code}
      </div>
      <h1 className="ty-result-title">{title}</h1>
      <p>{desc}</p>
      <Link to={to} className="ty-btn is-primary">
        {action}
      </Link>
    </div>
  );
}

/** The API answered 404 for a record: deleted, or outside the user's data scope. */
export function RecordNotFound({ backTo }: { backTo?: string }) {
  const t = useT();
  return (
    <ResultPage
      testId="record-not-found"
      code="404"
      title={t('recordNotFound.title')}
      desc={t('recordNotFound.desc')}
      to={backTo ?? '/'}
      action={t('common.back')}
    />
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <ResultPage
      testId="forbidden"
      code="403"
      title={t('forbidden.title')}
      desc={t('forbidden.desc')}
      to="/"
      action={t('notFound.home')}
    />
  );
}

/** Error state of a list or a record (light shell); a 404 becomes the friendly not-found page. */
export function ErrorState({ error, onRetry, backTo }: { error: unknown; onRetry?: () => void; backTo?: string }) {
  const t = useT();
  if (isNotFound(error)) return <RecordNotFound backTo={backTo} />;
  return (
    <Alert
      title={t('common.loadFailed')}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    >
      {isApiError(error) ? error.message : t('common.loadFailed')}
    </Alert>
  );
}
