/**
 * `Retry-After` in either of its forms (RFC 9110): delay-seconds or an HTTP date.
 * Returns the delay in milliseconds from `nowMs`, never negative, or null when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP date form names its month; Date.parse alone would read "1.5" as a date.
  if (!/[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
