/** The host-orgs routes (see ../contract.ts): moved here from server/src/modules/host-orgs (issue 10). */
export const hostOrgsApi = {};
