/**
 * The file types a dossier may carry (PDF, DOCX, XLSX, PNG, JPEG). An upload must agree three ways: its
 * declared media type, its file name's extension and its leading bytes; anything else is refused, so a
 * renamed executable or a mislabelled file never reaches a reviewer.
 */
export interface AttachmentType {
  mediaType: string;
  extensions: string[];
  /** Media types clients send for this type (the first is the canonical one we store). */
  declared: string[];
  magic: Buffer;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // PK\x03\x04: DOCX and XLSX are Office Open XML zip packages

export const ATTACHMENT_TYPES: AttachmentType[] = [
  { mediaType: 'application/pdf', extensions: ['.pdf'], declared: ['application/pdf'], magic: Buffer.from('%PDF-', 'latin1') },
  {
    mediaType: 'image/png',
    extensions: ['.png'],
    declared: ['image/png'],
    magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    mediaType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
    magic: Buffer.from([0xff, 0xd8, 0xff]),
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    declared: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    magic: ZIP,
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    declared: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    magic: ZIP,
  },
];

export const ALLOWED_DESCRIPTION = 'PDF, DOCX, XLSX, PNG or JPEG';

export type CheckResult = { ok: true; mediaType: string } | { ok: false; message: string };

/** Decides whether an upload is an allowed type; `declaredType` is the multipart part's Content-Type. */
export function checkAttachmentType(filename: string, declaredType: string | undefined, bytes: Buffer): CheckResult {
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  const type = ATTACHMENT_TYPES.find((t) => t.declared.includes(declared));
  if (!type) return { ok: false, message: `Media type ${declared || '(none)'} is not allowed; upload ${ALLOWED_DESCRIPTION}` };
  const lower = filename.toLowerCase();
  if (!type.extensions.some((ext) => lower.endsWith(ext))) {
    return { ok: false, message: `The file name must end with ${type.extensions.join(' or ')} for ${type.mediaType}` };
  }
  if (bytes.length < type.magic.length || !bytes.subarray(0, type.magic.length).equals(type.magic)) {
    return { ok: false, message: `The file's content is not ${type.mediaType} (its leading bytes do not match)` };
  }
  return { ok: true, mediaType: type.mediaType };
}

/**
 * A file name safe to store and show: no directory part, no control characters, NFC (so Vietnamese
 * diacritics compare equal however the client composed them), at most 255 characters.
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return [...cleaned].slice(0, 255).join('');
}

/** RFC 6266 / RFC 8187: an ASCII fallback plus the exact UTF-8 name, so Vietnamese names survive the download. */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
