/** The health routes (see ../contract.ts): moved here from server/src/modules/health (issue 10). */
export const healthApi = {};
