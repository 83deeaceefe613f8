import type { Actor } from '../../core/actor';

/**
 * Who opens an upload: once linked to a project, whoever sees the project (projects.policy, checked
 * through the projects service); before that, its uploader and the administrator only.
 */
export const seesUnlinkedUpload = (actor: Actor, upload: { uploadedBy: string | null }): boolean =>
  actor.isAdmin || upload.uploadedBy === actor.userId;
