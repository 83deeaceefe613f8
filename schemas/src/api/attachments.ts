/** The attachments routes (see ../contract.ts): moved here from server/src/modules/attachments (issue 10). */
export const attachmentsApi = {};
