import { route } from '../contract';
import { figureList } from '../indicators';

/** Service figures an indicator can be bound to (issue 11): registered by the modules that own the records. */
export const indicatorsApi = {
  figures: route('GET', '/indicator-figures', { response: figureList }),
};
