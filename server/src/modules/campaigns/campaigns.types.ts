import type { Selectable } from 'kysely';
import type { Criterion, PartyOrgType, Theme } from '@touyan/schemas';
import type { CampaignsTable } from '../../db/types';

// The campaigns' record types, shared with the modules that read campaigns (projects, challenges,
// reviews) without reaching into the campaigns' repository.

/** A campaign with its JSON columns parsed. */
export interface CampaignRecord extends Omit<
  Selectable<CampaignsTable>,
  'themes' | 'eligibleOrgTypes' | 'criteria' | 'reviewDates'
> {
  themes: Theme[];
  eligibleOrgTypes: PartyOrgType[];
  criteria: Criterion[];
  reviewDates: string[];
  orgName: string;
}

export type CampaignWrite = Omit<
  CampaignRecord,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'orgName'
>;
