import { Link } from 'react-router-dom';
import { addStrings, useT } from '../../i18n';
import { gigFairPhoneStrings } from './fairStrings';

addStrings(gigFairPhoneStrings);

/** The way from the worker's phone home (/worker) to 零工快招 (/gigs). A light component. */
export function GigsEntry() {
  const t = useT();
  return (
    <Link to="/gigs" className="ty-field-card ty-gig-entry" data-testid="worker-gigs-link">
      <div className="ty-field-card-title">{t('gf.entry')}</div>
      <div className="ty-field-card-meta">{t('gf.entryHint')}</div>
    </Link>
  );
}
