import { route } from '../contract';
import { instructorCreateBody, instructorList, instructorListQuery, instructorView } from '../instructors';

/** The instructors routes (see ../contract.ts): moved here from server/src/modules/instructors (issue 10). */
export const instructorsApi = {
  list: route('GET', '/instructors', { query: instructorListQuery, response: instructorList }),
  create: route('POST', '/instructors', { body: instructorCreateBody, response: instructorView }),
};
