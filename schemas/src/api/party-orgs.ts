/** The party-orgs routes (see ../contract.ts): moved here from server/src/modules/party-orgs (issue 10). */
export const partyOrgsApi = {};
