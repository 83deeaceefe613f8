import { useMemo, useState } from 'react';
import { App, Empty, Modal, Select, Typography } from 'antd';
import type { AssessmentSchemeView } from '@touyan/schemas';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { usePartyOrgTree } from '../party-orgs/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { contestItemOf } from './display';
import { useAddSheet, useFillFromContest, usePublishedContests } from './hooks';

/** Fills the 书记项目 item of every competing organisation from a contest's published results. */
export function FillModal({
  scheme,
  open,
  onClose,
}: {
  scheme: AssessmentSchemeView;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const contests = usePublishedContests(open);
  const fill = useFillFromContest();
  const onError = useApiErrorHandler();
  const [contestId, setContestId] = useState<string>();
  const item = contestItemOf(scheme.items);
  return (
    <Modal
      open={open}
      title={t('assessments.fillTitle')}
      onCancel={onClose}
      okText={t('assessments.fillOk')}
      okButtonProps={{ disabled: !contestId, loading: fill.isPending }}
      onOk={() =>
        contestId &&
        fill.mutate(
          { id: scheme.id, contestId },
          {
            onSuccess: (r) => {
              message.success(
                t('assessments.fillDone', { created: r.created, updated: r.updated, unchanged: r.unchanged }),
              );
              if (r.skipped.length) message.warning(t('assessments.fillSkipped', { n: r.skipped.length }));
              onClose();
            },
            onError: (e) => onError(e),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('assessments.fillHint', { item: item?.name ?? '' })}
      </Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        placeholder={t('assessments.fillContest')}
        aria-label={t('assessments.fillContest')}
        loading={contests.isPending}
        value={contestId}
        onChange={setContestId}
        notFoundContent={<Empty description={t('assessments.fillNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        options={(contests.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.contestDate}）` }))}
      />
    </Modal>
  );
}

/**
 * Creates an empty sheet for an organisation of the scheme's area that has none (one that did not
 * compete); organisations outside the area or with a sheet already cannot be chosen.
 */
export function AddSheetModal({
  scheme,
  open,
  taken,
  onClose,
}: {
  scheme: AssessmentSchemeView;
  open: boolean;
  /** Organisations that already have a sheet. */
  taken: readonly string[];
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const add = useAddSheet();
  const onError = useApiErrorHandler();
  const tree = usePartyOrgTree(open);
  const [orgId, setOrgId] = useState<string | null>(null);
  const disabledIds = useMemo(() => {
    const orgs = tree.data ?? [];
    const children = new Map<string, string[]>();
    for (const o of orgs) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
    const area = new Set<string>();
    const walk = (id: string) => {
      area.add(id);
      for (const c of children.get(id) ?? []) walk(c);
    };
    walk(scheme.orgId);
    const off = new Set(orgs.filter((o) => !area.has(o.id)).map((o) => o.id));
    for (const id of taken) off.add(id);
    return off;
  }, [tree.data, scheme.orgId, taken]);
  return (
    <Modal
      open={open}
      title={t('assessments.addSheetTitle')}
      onCancel={onClose}
      okText={t('assessments.addSheetOk')}
      okButtonProps={{ disabled: !orgId, loading: add.isPending }}
      onOk={() =>
        orgId &&
        add.mutate(
          { id: scheme.id, partyOrgId: orgId },
          {
            onSuccess: () => {
              message.success(t('assessments.addSheetDone'));
              setOrgId(null);
              onClose();
            },
            onError: (e) => onError(e),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('assessments.addSheetHint')}</Typography.Paragraph>
      <PartyOrgTreeSelect value={orgId} onChange={setOrgId} disabledIds={disabledIds} style={{ width: '100%' }} />
    </Modal>
  );
}
