/**
 * The guard's photos of the pass holders, for verdicts made offline. Synced with the revocation list:
 * the roster (`GET /passes/roster`) names the workers holding a pass valid at the guard's compound and
 * their photo ids; the page fetches each photo it does not hold yet (or whose id changed), keeps a
 * small JPEG thumbnail in IndexedDB and drops the workers no longer listed. A photo that cannot be
 * fetched or decoded is simply not kept: the verdict shows the initial instead.
 */
import { api } from '../../api/client';
import { photoDelete, photoGet, photoIds, photoPut } from './offline';

/** The thumbnail's side (px): the verdict shows it at 104 CSS px, sharp at a 2.5× screen. */
const THUMB = 260;
const PARALLEL = 4;

/** The route of a holder's photo (the guard's own compound only; the server answers 404 otherwise). */
export const holderPhotoUrl = (workerId: string) => `/api/passes/holders/${encodeURIComponent(workerId)}/photo`;

/** A square JPEG thumbnail (centre crop) of an image blob; null when the browser cannot decode it. */
async function thumbnail(blob: Blob): Promise<Blob | null> {
  try {
    const bmp = await createImageBitmap(blob);
    const side = Math.min(bmp.width, bmp.height);
    const canvas = document.createElement('canvas');
    canvas.width = THUMB;
    canvas.height = THUMB;
    const ctx = canvas.getContext('2d');
    if (!ctx || side === 0) return null;
    ctx.drawImage(bmp, (bmp.width - side) / 2, (bmp.height - side) / 2, side, side, 0, 0, THUMB, THUMB);
    bmp.close();
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  } catch {
    return null;
  }
}

async function fetchThumb(workerId: string, photoId: string): Promise<boolean> {
  const res = await fetch(holderPhotoUrl(workerId), { credentials: 'same-origin' });
  if (!res.ok) return false;
  const thumb = await thumbnail(await res.blob());
  if (!thumb) return false;
  await photoPut({ workerId, photoId, thumb });
  return true;
}

/** Brings the thumbnails in line with the roster; the number of thumbnails kept afterwards. */
export async function syncPhotos(): Promise<number> {
  const listed = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await api.get('/passes/roster', { query: { limit: 1000, cursor } });
    for (const item of page.items) listed.set(item.workerId, item.photoId);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const held = await photoIds();
  for (const workerId of held.keys()) if (!listed.has(workerId)) await photoDelete(workerId);
  const missing = [...listed].filter(([workerId, photoId]) => held.get(workerId) !== photoId);
  let kept = listed.size - missing.length;
  for (let i = 0; i < missing.length; i += PARALLEL) {
    const done = await Promise.all(
      missing.slice(i, i + PARALLEL).map(([workerId, photoId]) => fetchThumb(workerId, photoId).catch(() => false)),
    );
    kept += done.filter(Boolean).length;
  }
  return kept;
}

/** An object URL of the holder's kept thumbnail (revoke it when done), or null. */
export async function cachedPhotoUrl(workerId: string): Promise<string | null> {
  const hit = await photoGet(workerId).catch(() => undefined);
  return hit ? URL.createObjectURL(hit.thumb) : null;
}
