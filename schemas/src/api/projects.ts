/** The projects routes (see ../contract.ts): moved here from server/src/modules/projects (issue 10). */
export const projectsApi = {};
