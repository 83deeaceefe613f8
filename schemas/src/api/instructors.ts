/** The instructors routes (see ../contract.ts): moved here from server/src/modules/instructors (issue 10). */
export const instructorsApi = {};
