import { route } from '../contract';
import { homeQuery, homeView } from '../home';

/** 工作台: the caller's to-dos and figures. */
export const homeApi = {
  get: route('GET', '/home', { query: homeQuery, response: homeView }),
};
