import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { DisputeDetailView } from '@touyan/schemas';
import { api } from '../../api/client';
import { ErrorState } from '../../components/light/ErrorState';
import { Button, Spinner } from '../../components/light/ui';
import { addStrings, useT } from '../../i18n';
import { mediatorStrings } from './mediatorStrings';
import './disputes.css';

addStrings(mediatorStrings);

/**
 * The A4 print frame of a case's documents (调解协议书, 案件摘要): loads the case of `/disputes/:id/…`,
 * shows loading and error states, the print button (hidden on paper, `@page` A4 in disputes.css) and
 * one A4 sheet whose content the document draws from the record.
 */
export function CasePrintFrame({
  testId,
  className,
  children,
}: {
  testId: string;
  className?: string;
  children: (c: DisputeDetailView) => ReactNode;
}) {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const q = useQuery({
    queryKey: ['disputes', 'case', id],
    queryFn: () => api.get('/dispute-cases/:id', { params: { id: id! } }),
  });
  if (q.isPending) return <Spinner size="large" />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div className="ty-a4-wrap ty-light">
      <div className="ty-a4-bar">
        <Button primary onClick={() => window.print()} data-testid="print">
          {t('md.print')}
        </Button>
      </div>
      <article className={className ? `ty-a4 ${className}` : 'ty-a4'} data-testid={testId}>
        {children(q.data)}
      </article>
    </div>
  );
}
