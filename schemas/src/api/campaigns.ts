import { z } from 'zod';
import { campaignCreateBody, campaignListQuery, campaignPage, campaignUpdateBody, campaignView } from '../campaigns';
import { idParams, versionSchema } from '../common';
import { route } from '../contract';

const versionBody = z.object({ version: versionSchema });

export const campaignsApi = {
  list: route('GET', '/campaigns', { query: campaignListQuery, response: campaignPage }),
  get: route('GET', '/campaigns/:id', { params: idParams, response: campaignView }),
  create: route('POST', '/campaigns', { body: campaignCreateBody, response: campaignView }),
  update: route('PATCH', '/campaigns/:id', { params: idParams, body: campaignUpdateBody, response: campaignView }),
  publish: route('POST', '/campaigns/:id/publish', { params: idParams, body: versionBody, response: campaignView }),
  close: route('POST', '/campaigns/:id/close', { params: idParams, body: versionBody, response: campaignView }),
};
