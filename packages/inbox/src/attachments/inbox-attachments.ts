import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { notFound, validationError } from '@switchboard/accounts';
import { list, sql, TEXT_LIST, uuidV7 } from '@switchboard/contacts';

/** The largest image an agent may attach (Twilio's MMS limit is 5 MB per message). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REPLY = 4;

export interface AttachmentRef {
  id: string;
  filename: string;
  contentType: string;
  byteSize: number;
}

const SIGNATURES: { type: string; ext: string; matches(b: Buffer): boolean }[] = [
  {
    type: 'image/png',
    ext: 'png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  { type: 'image/jpeg', ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', ext: 'gif', matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    ext: 'webp',
    matches: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** What the bytes are (never what the browser claimed): one of the images every channel shows, or null. */
export function sniffImage(bytes: Buffer): { type: string; ext: string } | null {
  const found = SIGNATURES.find((s) => bytes.length >= 12 && s.matches(bytes));
  return found ? { type: found.type, ext: found.ext } : null;
}

/** A file name safe in a header and a URL: its last path part, printable, at most 120 characters, with its type's ending. */
export function safeFilename(name: string, ext: string): string {
  // Control characters, bidi overrides and quotes have no place in a file name shown to the contact.
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
      return code >= 0x20 && code !== 0x7f && !bidi && !'"<>'.includes(ch);
    })
    .join('')
    .trim()
    .slice(0, 120);
  const stem = base.replace(/\.[^.]*$/, '') || 'image';
  return `${stem}.${ext}`;
}

/** Stores an image an agent is about to send; refused, naming why, unless it is a PNG, JPEG, GIF or WebP ≤ 5 MB. */
export async function storeAttachment(
  em: EntityManager,
  workspaceId: string,
  uploadedBy: string,
  file: { filename: string; bytes: Buffer },
): Promise<AttachmentRef> {
  if (file.bytes.length === 0) throw validationError('file', 'The file is empty');
  if (file.bytes.length > MAX_ATTACHMENT_BYTES)
    throw validationError('file', 'An image may be at most 5 MB; make it smaller and try again');
  const kind = sniffImage(file.bytes);
  if (!kind) throw validationError('file', 'Only PNG, JPEG, GIF or WebP images can be sent');
  const ref: AttachmentRef = {
    id: uuidV7(),
    filename: safeFilename(file.filename, kind.ext),
    contentType: kind.type,
    byteSize: file.bytes.length,
  };
  await sql(
    em,
    `insert into inbox_attachments (id, workspace_id, content_type, filename, byte_size, data, uploaded_by_id,
       created_at) values (?, ?, ?, ?, ?, ?, ?, now())`,
    [ref.id, workspaceId, ref.contentType, ref.filename, ref.byteSize, file.bytes, uploadedBy],
  );
  return ref;
}

/** The workspace's attachments by id, in the order asked; an unknown id is refused by name. */
export async function attachmentRefs(
  em: EntityManager,
  workspaceId: string,
  ids: string[],
): Promise<AttachmentRef[]> {
  if (ids.length === 0) return [];
  if (ids.length > MAX_ATTACHMENTS_PER_REPLY)
    throw validationError('attachmentIds', `A reply carries at most ${MAX_ATTACHMENTS_PER_REPLY} images`);
  const rows = await sql<{ id: string; filename: string; content_type: string; byte_size: number }>(
    em,
    `select id, filename, content_type, byte_size from inbox_attachments
     where workspace_id = ? and id = any(${TEXT_LIST}::uuid[])`,
    [workspaceId, list(ids)],
  );
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw validationError('attachmentIds', `No image ${id.slice(0, 40)} was uploaded here`);
    return { id: row.id, filename: row.filename, contentType: row.content_type, byteSize: row.byte_size };
  });
}

/** An attachment's bytes (for the sender and for the screens of its workspace). */
export async function attachmentContent(
  em: EntityManager,
  id: string,
  workspaceId?: string,
): Promise<AttachmentRef & { content: Buffer }> {
  const [row] = await sql<{
    id: string;
    filename: string;
    content_type: string;
    byte_size: number;
    data: Buffer;
  }>(
    em,
    `select id, filename, content_type, byte_size, data from inbox_attachments
     where id = ?::uuid and (?::uuid is null or workspace_id = ?::uuid)`,
    [id, workspaceId ?? null, workspaceId ?? null],
  );
  if (!row) throw notFound('Attachment');
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    byteSize: row.byte_size,
    content: row.data,
  };
}

const signatureOf = (secret: string, id: string) =>
  createHmac('sha256', secret).update(`inbox-media:${id}`).digest('base64url').slice(0, 32);

/** A path anyone holding it may fetch the image at (Twilio fetches MMS images this way); unguessable per id. */
export function signedMediaPath(secret: string, ref: Pick<AttachmentRef, 'id' | 'filename'>): string {
  return `/media/${ref.id}/${signatureOf(secret, ref.id)}/${encodeURIComponent(ref.filename)}`;
}

export function validMediaSignature(secret: string, id: string, signature: string): boolean {
  const expected = Buffer.from(signatureOf(secret, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
