/** The auth routes (see ../contract.ts): moved here from server/src/modules/auth (issue 10). */
export const authApi = {};
