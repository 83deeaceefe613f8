/** The contests routes (see ../contract.ts): moved here from server/src/modules/contests (issue 10). */
export const contestsApi = {};
