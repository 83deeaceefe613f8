import { idParams } from '../common';
import { route, xlsxResponse } from '../contract';
import {
  checkInBody,
  checkInListQuery,
  checkInPage,
  checkInView,
  nearbyStationList,
  ratingBody,
  stationCodeView,
  stationCreateBody,
  stationListQuery,
  stationNearbyQuery,
  stationPage,
  stationUpdateBody,
  stationUpkeepBody,
  stationUsageQuery,
  stationUsageView,
  stationView,
} from '../stations';

/** 惠新驿家 stations (issue 12): the ledger, the manager's upkeep, the finder, codes and check-ins. */
export const stationsApi = {
  list: route('GET', '/stations', { query: stationListQuery, response: stationPage }),
  export: route('GET', '/stations/export.xlsx', { query: stationListQuery, response: xlsxResponse }),
  nearby: route('GET', '/stations/nearby', { query: stationNearbyQuery, response: nearbyStationList }),
  usage: route('GET', '/stations/usage', { query: stationUsageQuery, response: stationUsageView }),
  create: route('POST', '/stations', { body: stationCreateBody, response: stationView }),
  get: route('GET', '/stations/:id', { params: idParams, response: stationView }),
  update: route('PATCH', '/stations/:id', { params: idParams, body: stationUpdateBody, response: stationView }),
  upkeep: route('PATCH', '/stations/:id/upkeep', { params: idParams, body: stationUpkeepBody, response: stationView }),
  code: route('GET', '/stations/:id/code', { params: idParams, response: stationCodeView }),
  reissueCode: route('POST', '/stations/:id/code', { params: idParams, response: stationCodeView }),
  checkIns: route('GET', '/stations/:id/check-ins', {
    params: idParams,
    query: checkInListQuery,
    response: checkInPage,
  }),
  checkIn: route('POST', '/station-check-ins', { body: checkInBody, response: checkInView }),
  rate: route('POST', '/station-check-ins/:id/rating', { params: idParams, body: ratingBody, response: checkInView }),
};
