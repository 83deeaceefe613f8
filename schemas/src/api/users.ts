/** The users routes (see ../contract.ts): moved here from server/src/modules/users (issue 10). */
export const usersApi = {};
