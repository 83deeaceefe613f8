import { Link } from 'react-router-dom';
import { DISPUTE_STATUSES } from '@touyan/schemas/plain';
import { addStrings, useLabel, useT } from '../../i18n';
import { useMyDisputes } from './selfHooks';
import { workerDisputeStrings } from './workerStrings';

addStrings(workerDisputeStrings);

/** On the worker's phone home (/worker): the way to their own labour-dispute cases, with the latest's stage. */
export function MyDisputesLink() {
  const t = useT();
  const label = useLabel();
  const q = useMyDisputes();
  const items = q.data?.items ?? [];
  const open = items.find((c) => c.status !== 'closed') ?? items[0];
  return (
    <Link to="/worker/disputes" className="ty-field-card ty-wd-link" data-testid="my-disputes-link">
      <div>
        <div className="ty-field-card-title">{t('wd.link')}</div>
        <div className="ty-field-card-meta">
          {open ? t('wd.linkHint', { n: items.length, stage: label(DISPUTE_STATUSES, open.status) }) : t('wd.linkNone')}
        </div>
      </div>
      <span aria-hidden="true">›</span>
    </Link>
  );
}
