/** The reviews routes (see ../contract.ts): moved here from server/src/modules/reviews (issue 10). */
export const reviewsApi = {};
