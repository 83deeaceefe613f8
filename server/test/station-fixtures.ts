import type { TestApp } from './harness';
import { newId } from '../src/core/ids';

/**
 * A verified worker registration for a user (the check-in needs one). Until the workers module's
 * factory (createVerifiedWorker) is on this branch, the row is written here, as the registry would.
 */
export async function verifiedWorkerFor(t: TestApp, userId: string, name = '李骑手'): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const cipher = t.services.cipher;
  await t.services.db
    .insertInto('workers')
    .values({
      id,
      userId,
      name,
      mobileEnc: cipher.encrypt('13800000000'),
      mobileHash: `m-${id}`,
      idNumberEnc: cipher.encrypt('320206199001011234'),
      idNumberHash: `i-${id}`,
      idNumberMasked: '3202**********1234',
      platform: 'meituan',
      occupation: 'delivery_rider',
      regionCode: '320206',
      partyMember: 0,
      partyOrgId: null,
      photoAttachmentId: null,
      status: 'verified',
      registeredVia: 'staff',
      verifiedBy: null,
      verifiedAt: now,
      rejectReason: null,
      createdAt: now,
      updatedAt: now,
      createdBy: userId,
      deletedAt: null,
    })
    .execute();
  return id;
}
