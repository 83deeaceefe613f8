/** The challenges routes (see ../contract.ts): moved here from server/src/modules/challenges (issue 10). */
export const challengesApi = {};
