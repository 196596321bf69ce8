import { currentCsrfToken } from '../../lib/trpc.ts';

export interface UploadRequest {
  file: File;
  mapping: Record<string, string>;
  options: Record<string, unknown>;
  onProgress: (share: number) => void;
}

/** The server refused the upload; `fields` names what to fix (file, mapping.<column>, options.<path>). */
export class UploadFailure extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = 'UploadFailure';
  }
}

/**
 * Sends the file as the request body (streamed by the browser) to /app/imports. XMLHttpRequest rather than fetch,
 * because only it reports upload progress.
 */
export function uploadImport(request: UploadRequest): Promise<{ id: string }> {
  const query = new URLSearchParams({
    fileName: request.file.name,
    mapping: JSON.stringify(request.mapping),
    options: JSON.stringify(request.options),
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/app/imports?${query.toString()}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) request.onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { import?: { id: string }; error?: { message: string; fields?: Record<string, string> } } =
        {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not JSON: reported below with the status.
      }
      if (xhr.status === 202 && body.import) resolve({ id: body.import.id });
      else
        reject(
          new UploadFailure(
            body.error?.message ?? `The upload failed (HTTP ${xhr.status})`,
            body.error?.fields ?? {},
          ),
        );
    };
    xhr.onerror = () => reject(new UploadFailure('The connection was lost during the upload', {}));
    xhr.send(request.file);
  });
}
