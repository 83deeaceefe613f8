/** The audit routes (see ../contract.ts): moved here from server/src/modules/audit (issue 10). */
export const auditApi = {};
