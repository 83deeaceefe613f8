import { Alert, Button } from 'antd';
import { isApiError, isNotFound } from '../api/client';
import { useT } from '../i18n';
import { RecordNotFound } from './NotFound';

/** Error state of a list or a record; a 404 becomes the friendly not-found page. */
export function ErrorState({ error, onRetry, backTo }: { error: unknown; onRetry?: () => void; backTo?: string }) {
  const t = useT();
  if (isNotFound(error)) return <RecordNotFound backTo={backTo} />;
  const message = isApiError(error) ? error.message : t('common.loadFailed');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={t('common.loadFailed')}
      description={message}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
