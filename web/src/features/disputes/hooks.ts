import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CLOCK_FILTERS,
  CONSULTATION_CHANNEL_CODES,
  CONSULTATION_TOPIC_CODES,
  DISPUTE_OUTCOME_CODES,
  DISPUTE_SOURCE_CODES,
  DISPUTE_STATUS_CODES,
  DISPUTE_TYPE_CODES,
  type ConsultationBody,
  type ConsultationUpdateBody,
  type ConsultationChannel,
  type ConsultationTopic,
  type DisputeEventBody,
  type DisputeIntakeBody,
  type DisputeOutcome,
  type DisputeSource,
  type DisputeStatus,
  type DisputeType,
  type AttachmentView,
  type DisputeEventFields,
  type DisputeGroupAddBody,
  type DisputeGroupBody,
  type Locale,
} from '@touyan/schemas';
import { api, uploadFile } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

/** The case list's filters, as the address carries them (the home's and the figures' links write these). */
export interface DisputeFilters {
  q?: string;
  type?: DisputeType;
  status?: DisputeStatus;
  clock?: (typeof CLOCK_FILTERS)[number];
  centreId?: string;
  open?: '1';
  legalAid?: '1';
  mediated?: '1';
  source?: DisputeSource;
  outcome?: DisputeOutcome;
  groupId?: string;
  orgId?: string;
  regionCode?: string;
  receivedFrom?: string;
  receivedTo?: string;
  closedFrom?: string;
  closedTo?: string;
}

const ulid = (v: string | null) => (v && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(v) ? v : undefined);
const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const region = (v: string | null) => (v && /^\d{6,12}$/.test(v) ? v : undefined);
const flag = (v: string | null): '1' | undefined => (v === '1' || v === 'true' ? '1' : undefined);
const pick = <T extends string>(v: string | null, codes: readonly T[]): T | undefined =>
  v !== null && (codes as readonly string[]).includes(v) ? (v as T) : undefined;

const clean = <T extends object>(f: T): T =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as T;

/** The filters from the address (`/disputes?clock=overdue`); unknown values are dropped. */
export function readDisputeFilters(p: URLSearchParams): DisputeFilters {
  return clean({
    q: p.get('q')?.trim() || undefined,
    type: pick(p.get('type'), DISPUTE_TYPE_CODES),
    status: pick(p.get('status'), DISPUTE_STATUS_CODES),
    clock: pick(p.get('clock'), CLOCK_FILTERS),
    centreId: ulid(p.get('centreId')),
    open: flag(p.get('open')),
    legalAid: flag(p.get('legalAid')),
    mediated: flag(p.get('mediated')),
    source: pick(p.get('source'), DISPUTE_SOURCE_CODES),
    outcome: pick(p.get('outcome'), DISPUTE_OUTCOME_CODES),
    groupId: ulid(p.get('groupId')),
    orgId: ulid(p.get('orgId')),
    regionCode: region(p.get('regionCode')),
    receivedFrom: date(p.get('receivedFrom')),
    receivedTo: date(p.get('receivedTo')),
    closedFrom: date(p.get('closedFrom')),
    closedTo: date(p.get('closedTo')),
  });
}

/** The address (or export query) of a filtered list. */
export function filterParams(f: object): URLSearchParams {
  return new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const disputeKeys = {
  all: ['disputes'] as const,
  list: (f: DisputeFilters) => ['disputes', 'list', f] as const,
  one: (id: string) => ['disputes', 'case', id] as const,
  consultations: (f: ConsultationFilters) => ['disputes', 'consultations', f] as const,
  group: (id: string) => ['disputes', 'group', id] as const,
};

export function useDisputeList(filters: DisputeFilters) {
  return useRouteList({
    queryKey: disputeKeys.list(filters),
    path: '/dispute-cases',
    query: { ...filters },
    limit: 30,
    withTotal: true,
  });
}

export function useDisputeCase(id: string | undefined) {
  return useQuery({
    queryKey: disputeKeys.one(id ?? ''),
    queryFn: () => api.get('/dispute-cases/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useCentres() {
  return useQuery({
    queryKey: ['disputes', 'centres'],
    queryFn: () => api.get('/dispute-centres').then((r) => r.items),
  });
}

export function useDisputeEvent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DisputeEventBody) => api.post('/dispute-cases/:id/events', { params: { id }, body }),
    onSuccess: (c) => {
      qc.setQueryData(disputeKeys.one(c.id), c);
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
    },
  });
}

export function useIntake() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DisputeIntakeBody) => api.post('/dispute-cases', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputeKeys.all }),
  });
}

export interface ConsultationFilters {
  q?: string;
  centreId?: string;
  channel?: ConsultationChannel;
  topic?: ConsultationTopic;
  becameCase?: '1';
  orgId?: string;
  regionCode?: string;
  askedFrom?: string;
  askedTo?: string;
}

export function readConsultationFilters(p: URLSearchParams): ConsultationFilters {
  return clean({
    q: p.get('q')?.trim() || undefined,
    centreId: ulid(p.get('centreId')),
    channel: pick(p.get('channel'), CONSULTATION_CHANNEL_CODES),
    topic: pick(p.get('topic'), CONSULTATION_TOPIC_CODES),
    becameCase: flag(p.get('becameCase')),
    orgId: ulid(p.get('orgId')),
    regionCode: region(p.get('regionCode')),
    askedFrom: date(p.get('askedFrom')),
    askedTo: date(p.get('askedTo')),
  });
}

export function useConsultations(filters: ConsultationFilters) {
  return useRouteList({
    queryKey: disputeKeys.consultations(filters),
    path: '/dispute-consultations',
    query: { ...filters },
    limit: 30,
    withTotal: true,
  });
}

export function useCreateConsultation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsultationBody) => api.post('/dispute-consultations', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputeKeys.all }),
  });
}

/**
 * Uploads one evidence file (multipart `file` to POST /api/dispute-evidence, with the CSRF header the
 * JSON client adds): the server checks the type on the bytes, the size and the uploader's quotas; the
 * upload is linked when a case is saved or through POST /dispute-cases/:id/evidence.
 */
export async function uploadEvidence(file: Blob, filename: string, locale: Locale): Promise<AttachmentView> {
  return uploadFile<AttachmentView>('/api/dispute-evidence', file, filename, locale);
}

/** Links uploaded evidence to a case after intake (补充证据). */
export function useAddEvidence(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (evidenceIds: string[]) =>
      api.post('/dispute-cases/:id/evidence', { params: { id }, body: { evidenceIds } }),
    onSuccess: (c) => {
      qc.setQueryData(disputeKeys.one(c.id), c);
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
    },
  });
}

/** A group case (集体争议) with its cases. */
export function useDisputeGroup(id: string | undefined) {
  return useQuery({
    queryKey: disputeKeys.group(id ?? ''),
    queryFn: () => api.get('/dispute-groups/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

/** Groups open cases of one centre against one respondent. */
export function useCreateGroup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DisputeGroupBody) => api.post('/dispute-groups', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputeKeys.all }),
  });
}

/** Open cases of the group's centre that name its respondent: candidates to join it later. */
export function useGroupCandidates(g: { id: string; centreId: string; respondentName: string }, enabled: boolean) {
  return useQuery({
    queryKey: [...disputeKeys.group(g.id), 'candidates'] as const,
    queryFn: () =>
      api
        .get('/dispute-cases', {
          query: { centreId: g.centreId, q: g.respondentName.slice(0, 50), open: '1', limit: 200 },
        })
        .then((r) => r.items),
    enabled,
  });
}

/** Later cases join an existing group (same checks as creating it), all or none. */
export function useAddGroupCases(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DisputeGroupAddBody) => api.post('/dispute-groups/:id/cases', { params: { id }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputeKeys.all }),
  });
}

/** The same event for every case of a group, all or none. */
export function useGroupEvent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DisputeEventFields) => api.post('/dispute-groups/:id/events', { params: { id }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputeKeys.all }),
  });
}

/** Records on a consultation the case it became (PATCH /dispute-consultations/:id with `caseId`). */
export function useLinkConsultationCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConsultationUpdateBody }) =>
      api.patch('/dispute-consultations/:id', { params: { id }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: disputeKeys.all }),
  });
}
