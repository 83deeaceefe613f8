/** The assessments routes (see ../contract.ts): moved here from server/src/modules/assessments (issue 10). */
export const assessmentsApi = {};
