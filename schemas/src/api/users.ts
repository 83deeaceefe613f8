import { idParams } from '../common';
import { okResponse, route } from '../contract';
import {
  resetPasswordBody,
  roleBindingParams,
  roleGrantBody,
  userCreateBody,
  userListQuery,
  userPage,
  userUpdateBody,
  userView,
} from '../users';

/** The users routes (see ../contract.ts): moved here from server/src/modules/users (issue 10). */
export const usersApi = {
  list: route('GET', '/users', { query: userListQuery, response: userPage }),
  get: route('GET', '/users/:id', { params: idParams, response: userView }),
  create: route('POST', '/users', { body: userCreateBody, response: userView }),
  update: route('PATCH', '/users/:id', { params: idParams, body: userUpdateBody, response: userView }),
  grant: route('POST', '/users/:id/roles', { params: idParams, body: roleGrantBody, response: userView }),
  revoke: route('DELETE', '/users/:id/roles/:bindingId', { params: roleBindingParams, response: userView }),
  resetPassword: route('POST', '/users/:id/reset-password', {
    params: idParams,
    body: resetPasswordBody,
    response: okResponse,
  }),
  unlock: route('POST', '/users/:id/unlock', { params: idParams, response: userView }),
};
