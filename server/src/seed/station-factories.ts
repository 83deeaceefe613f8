import {
  stationCreateBody,
  type OpeningHours,
  type StationAmenity,
  type StationCreateBody,
  type StationView,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { validated } from './factories';

/** Weekly hours: the same hours every day (or 24 hours), no holidays. */
export function everyDay(open: string, close: string): OpeningHours {
  return { allDay: false, weekly: Array.from({ length: 7 }, () => ({ open, close })), holidays: [] };
}
export const ALL_DAY: OpeningHours = {
  allDay: true,
  weekly: Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' })),
  holidays: [],
};

export type StationInput = Partial<StationCreateBody> &
  Pick<StationCreateBody, 'name' | 'regionCode' | 'lat' | 'lng'> & { amenities?: StationAmenity[] };

/** A station through the service (the same schema and rules as a request). */
export function createStation(services: Services, ctx: RequestContext, input: StationInput): Promise<StationView> {
  return services.stations.create(
    ctx,
    validated(stationCreateBody, {
      address: `${input.name}门口`,
      hours: everyDay('08:00', '20:00'),
      amenities: ['rest', 'water', 'charging'],
      openedOn: '2025-03-01',
      ...input,
    }),
  );
}
