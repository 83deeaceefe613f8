import { ATTACHMENT_TYPES, type AttachmentMime } from '@touyan/schemas';

/** What the first bytes of a file say it is. */
export type Magic = 'pdf' | 'png' | 'jpeg' | 'ole' | 'zip';

const SIGNATURES: [Magic, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // .doc / .xls (OLE compound file)
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // .docx / .xlsx (Office Open XML is a zip)
];

/** Bytes needed to recognise every signature. */
export const MAGIC_BYTES = 8;

export function sniff(head: Uint8Array): Magic | null {
  for (const [kind, sig] of SIGNATURES) {
    if (head.length >= sig.length && sig.every((b, i) => head[i] === b)) return kind;
  }
  return null;
}

/** Extension → the type it claims and the signature its content must carry. */
const BY_EXTENSION: Record<string, { mime: AttachmentMime; magic: Magic }> = {
  pdf: { mime: 'application/pdf', magic: 'pdf' },
  png: { mime: 'image/png', magic: 'png' },
  jpg: { mime: 'image/jpeg', magic: 'jpeg' },
  jpeg: { mime: 'image/jpeg', magic: 'jpeg' },
  doc: { mime: 'application/msword', magic: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', magic: 'ole' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
};

/**
 * The stored type of an upload, or null when it is not allowed: the name's extension must be one
 * of ATTACHMENT_TYPES and the content must start with that type's signature (a renamed .exe fails).
 * The browser's Content-Type is not trusted.
 */
export function resolveType(filename: string, head: Uint8Array): { mime: AttachmentMime; ext: string } | null {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1]?.toLowerCase();
  const kind = ext ? BY_EXTENSION[ext] : undefined;
  if (!kind || sniff(head) !== kind.magic) return null;
  return { mime: kind.mime, ext: ATTACHMENT_TYPES[kind.mime] };
}

/**
 * Replaced in a display name: path and shell punctuation, control characters (C0, DEL, C1), the
 * bidirectional overrides that make `exe.pdf` read as `fdp.exe`, and lone surrogates (not text).
 */
const UNSAFE_IN_NAME =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f"<>|:*?\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cuts at most `n` UTF-16 units without splitting a surrogate pair. */
const cut = (s: string, n: number) => (/[\ud800-\udbff]/.test(s.charAt(n - 1)) ? s.slice(0, n - 1) : s.slice(0, n));

/** A safe display name: no path, no control characters, at most 120 characters, extension kept. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(UNSAFE_IN_NAME, '_').trim();
  if (!clean) return 'file';
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : '';
  return cut(clean, 120 - ext.length) + ext;
}

/** Images and PDFs open in the browser; Office files download. */
export function contentDisposition(filename: string, mime: string): string {
  const kind = mime.startsWith('image/') || mime === 'application/pdf' ? 'inline' : 'attachment';
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
