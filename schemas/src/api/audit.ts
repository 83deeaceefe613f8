import { auditListQuery, auditPage } from '../audit';
import { route } from '../contract';

/** The audit routes (see ../contract.ts): moved here from server/src/modules/audit (issue 10). */
export const auditApi = {
  list: route('GET', '/audit-logs', { query: auditListQuery, response: auditPage }),
};
