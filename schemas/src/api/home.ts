/** The home routes (see ../contract.ts): moved here from server/src/modules/home (issue 10). */
export const homeApi = {};
