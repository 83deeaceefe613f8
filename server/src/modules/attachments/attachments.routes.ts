import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES } from '@touyan/schemas';
import { attachmentsApi as api } from '@touyan/schemas/api';
import { AppError } from '../../core/errors';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { contentDisposition } from './attachments.files';

const tags = ['附件 attachments'];
/** The upload: the one route whose request may take UPLOAD_TIMEOUT_MS to arrive (core/request-timeouts.ts). */
export const UPLOAD_URL = `/api${api.upload.url}`;
/** The visit photo upload (phone page): the same long upload deadline. */
export const VISIT_PHOTO_UPLOAD_URL = `/api${api.visitPhotoUpload.url}`;
const scope = '可见项目的附件（同项目数据范围）；尚未关联项目的附件仅上传人可见';

/** Upload and download. Multipart parsing is registered only in this plugin's scope. */
export async function attachmentsRoutes(app: FastifyInstance, { attachments }: Services) {
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 200, parts: 6 },
    });
    defineRoute(scoped, api.upload, {
      permission: 'project.progress',
      scope: '上传到本人可见的项目（projectId 可选）',
      tags,
      summary: '上传附件（multipart：file，可选 projectId；PDF/图片/Word/Excel，≤20MB，校验文件头）',
      handler: ({ ctx }, req) => {
        if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'required' });
        return attachments.upload(ctx, req.parts());
      },
    });
    defineRoute(scoped, api.visitPhotoUpload, {
      permission: 'visit.write',
      scope: '本人上传，保存走访时关联到本人可记录的走访',
      tags: ['走访 visits', ...tags],
      summary: '上传走访照片（multipart：file；仅 JPEG/PNG，≤20MB，校验文件头）',
      handler: ({ ctx }, req) => {
        if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'required' });
        return attachments.upload(ctx, req.parts(), { photo: true });
      },
    });
    defineRoute(scoped, api.download, {
      permission: 'project.read',
      scope,
      tags,
      summary: '下载/查看附件',
      // Stored files are sent as they are (most are compressed formats already), with their length.
      compress: false,
      handler: async ({ params, ctx }, _req, reply) => {
        const { row, stream } = await attachments.open(ctx, params.id);
        return reply
          .header('content-type', row.mime)
          .header('content-length', String(row.size))
          .header('content-disposition', contentDisposition(row.filename, row.mime))
          .header('cache-control', 'private, max-age=3600')
          .send(stream);
      },
    });
  });
}
