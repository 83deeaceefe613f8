/** The regions routes (see ../contract.ts): moved here from server/src/modules/regions (issue 10). */
export const regionsApi = {};
