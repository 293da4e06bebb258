import { reportUnauthorized, toApiError } from './problem';

/** The file name the server gave (`attachment; filename="…"`), or the last part of the address. */
function fileNameOf(response: Response, href: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? href.split('?')[0]!.split('/').pop()!;
}

/**
 * A file the API serves (PDF, ZIP) fetched whole, with the name to save it under. Binary answers
 * are outside the generated client; failures come back as ApiError like every other call.
 */
export async function fetchFile(href: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetch(href, { credentials: 'same-origin' });
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401) reportUnauthorized(error);
    throw error;
  }
  return { blob: await response.blob(), fileName: fileNameOf(response, href) };
}
