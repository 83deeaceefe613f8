import {
  stationCreateBody,
  type HoursSpan,
  type OpeningHours,
  type StationAmenity,
  type StationCreateBody,
  type StationView,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { validated } from './factories';

/** Weekly hours: the same spans every day (e.g. `everyDay('07:00', '11:30', '13:30', '22:00')`), no holidays. */
export function everyDay(...times: string[]): OpeningHours {
  const spans: HoursSpan[] = [];
  for (let i = 0; i + 1 < times.length; i += 2) spans.push({ open: times[i]!, close: times[i + 1]! });
  return { allDay: false, weekly: Array.from({ length: 7 }, () => spans.map((x) => ({ ...x }))), holidays: [] };
}
export const ALL_DAY: OpeningHours = {
  allDay: true,
  weekly: Array.from({ length: 7 }, () => [{ open: '00:00', close: '24:00' }]),
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
