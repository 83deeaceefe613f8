import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';

function Page({
  testId,
  status,
  title,
  desc,
  to,
  action,
}: {
  testId: string;
  status: '404' | '403';
  title: string;
  desc: string;
  to: string;
  action: string;
}) {
  return (
    <div data-testid={testId}>
      <Result
        status={status}
        title={<h1 className="ty-result-title">{title}</h1>}
        subTitle={desc}
        extra={
          <Link to={to}>
            <Button type="primary">{action}</Button>
          </Link>
        }
      />
    </div>
  );
}

/** Unknown route. */
export function NotFoundPage() {
  const t = useT();
  return (
    <Page
      testId="not-found"
      status="404"
      title={t('notFound.title')}
      desc={t('notFound.desc')}
      to="/"
      action={t('notFound.home')}
    />
  );
}

/** The API answered 404 for a record: deleted, or outside the user's data scope. */
export function RecordNotFound({ backTo, backLabel }: { backTo?: string; backLabel?: string }) {
  const t = useT();
  return (
    <Page
      testId="record-not-found"
      status="404"
      title={t('recordNotFound.title')}
      desc={t('recordNotFound.desc')}
      to={backTo ?? '/'}
      action={backLabel ?? t('common.back')}
    />
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <Page
      testId="forbidden"
      status="403"
      title={t('forbidden.title')}
      desc={t('forbidden.desc')}
      to="/"
      action={t('notFound.home')}
    />
  );
}
