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
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
