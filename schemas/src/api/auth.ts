import { changePasswordBody, localeBody, loginBody, meView, sessionView } from '../auth';
import { okResponse, route } from '../contract';

/** The auth routes (see ../contract.ts): moved here from server/src/modules/auth (issue 10). */
export const authApi = {
  login: route('POST', '/auth/login', { body: loginBody, response: meView }),
  logout: route('POST', '/auth/logout', { response: okResponse }),
  me: route('GET', '/auth/me', { response: meView }),
  session: route('GET', '/auth/session', { response: sessionView }),
  changePassword: route('POST', '/auth/change-password', { body: changePasswordBody, response: okResponse }),
  locale: route('PUT', '/auth/locale', { body: localeBody, response: okResponse }),
};
