/** The execution routes (see ../contract.ts): moved here from server/src/modules/execution (issue 10). */
export const executionApi = {};
