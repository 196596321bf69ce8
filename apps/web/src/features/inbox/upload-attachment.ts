import { currentCsrfToken } from '../../lib/trpc.ts';
import { t } from '../../i18n/i18n.ts';

export interface UploadedImage {
  id: string;
  filename: string;
  contentType: string;
  byteSize: number;
  url: string;
}

export const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';
const MAX_BYTES = 5 * 1024 * 1024;

/** Uploads an image for the next reply; the server checks what it really is and says why when it refuses. */
export async function uploadImage(file: File): Promise<UploadedImage> {
  if (file.size > MAX_BYTES) throw new Error(t('inbox.imageTooLarge', { name: file.name }));
  const token = currentCsrfToken();
  const response = await fetch(`/app/inbox/attachments?${new URLSearchParams({ filename: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(token ? { 'x-csrf-token': token } : {}) },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as Partial<UploadedImage> & {
    error?: { message?: string; fields?: Record<string, string> };
  };
  if (!response.ok || !body.id)
    throw new Error(body.error?.fields?.['file'] ?? body.error?.message ?? t('inbox.imageFailed'));
  return body as UploadedImage;
}
