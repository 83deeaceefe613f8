import { idParams } from '../common';
import { route } from '../contract';
import { jobList, jobListQuery, jobView } from '../jobs';

/** The background-job administration routes (system administrator only). */
export const jobsApi = {
  list: route('GET', '/admin/jobs', { query: jobListQuery, response: jobList }),
  retry: route('POST', '/admin/jobs/:id/retry', { params: idParams, response: jobView }),
};
