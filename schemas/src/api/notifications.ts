/** The notifications routes (see ../contract.ts): moved here from server/src/modules/notifications (issue 10). */
export const notificationsApi = {};
