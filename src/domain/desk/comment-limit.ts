/**
 * How often one person may comment on one ticket: a burst of comments (a script gone wrong, a
 * stuck client retrying) would otherwise grow the timeline without bound and slow every reader.
 */
export const COMMENTS_PER_WINDOW = 10;
export const COMMENT_WINDOW_SECONDS = 60;

/** Seconds until the person may comment again, or null when they may now. */
export function commentWaitSeconds(recent: { count: number; oldest: Date | null }, now: Date): number | null {
  if (recent.count < COMMENTS_PER_WINDOW) return null;
  const freesAt = (recent.oldest ?? now).getTime() + COMMENT_WINDOW_SECONDS * 1000;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}
