import { route } from '../contract';
import {
  regionCodeParams,
  regionCreateBody,
  regionList,
  regionListQuery,
  regionMoveBody,
  regionUpdateBody,
  regionView,
} from '../regions';

/** The regions routes (see ../contract.ts): moved here from server/src/modules/regions (issue 10). */
export const regionsApi = {
  list: route('GET', '/regions', { query: regionListQuery, response: regionList }),
  get: route('GET', '/regions/:code', { params: regionCodeParams, response: regionView }),
  create: route('POST', '/regions', { body: regionCreateBody, response: regionView }),
  rename: route('PATCH', '/regions/:code', { params: regionCodeParams, body: regionUpdateBody, response: regionView }),
  move: route('POST', '/regions/:code/move', { params: regionCodeParams, body: regionMoveBody, response: regionView }),
};
