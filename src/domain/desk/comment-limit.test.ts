import { describe, expect, it } from 'vitest';
import { COMMENT_WINDOW_SECONDS, COMMENTS_PER_WINDOW, commentWaitSeconds } from './comment-limit.js';

describe('the comment rate of one person on one ticket', () => {
  const now = new Date('2026-11-24T10:00:30Z');

  it('lets the tenth comment of a minute through and holds the eleventh', () => {
    expect(COMMENTS_PER_WINDOW).toBe(10);
    expect(commentWaitSeconds({ count: 9, oldest: new Date('2026-11-24T10:00:00Z') }, now)).toBeNull();
    expect(commentWaitSeconds({ count: 10, oldest: new Date('2026-11-24T10:00:00Z') }, now)).toBe(30);
  });

  it('says to wait until the oldest comment of the window leaves it, at least a second', () => {
    expect(commentWaitSeconds({ count: 10, oldest: new Date(now.getTime() - COMMENT_WINDOW_SECONDS * 1000 + 200) }, now)).toBe(1);
    expect(commentWaitSeconds({ count: 10, oldest: now }, now)).toBe(60);
  });
});
