import { idParams } from '../common';
import { rawResponse, route } from '../contract';
import { attachmentView } from '../execution';

/** Upload and download of attachments (附件). */
export const attachmentsApi = {
  /** A multipart form (`file`, optional `projectId`): read by the handler, so no body schema here. */
  upload: route('POST', '/attachments', { response: attachmentView }),
  /** A visit photo (multipart `file`, JPEG/PNG only), not yet linked: the visit links it when saved. */
  visitPhotoUpload: route('POST', '/visit-photos', { response: attachmentView }),
  /** The stored file, with its own content type (PDF, image, Word, Excel). */
  download: route('GET', '/attachments/:id', { params: idParams, response: rawResponse('application/octet-stream') }),
};
