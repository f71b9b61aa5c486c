import { i18n } from '#i18n';
import { msUntilExpiry, urgencyOf } from '@/lib/expiry';
import { formatCountdown } from '@/lib/format';

/** "expires in 3 h 12 min", coloured by urgency (amber under 6 h, red under 1 h). */
export function Countdown({
  expiresAt,
  nowMs,
  serverOffsetMs,
}: {
  expiresAt: string;
  nowMs: number;
  serverOffsetMs: number;
}) {
  const msLeft = msUntilExpiry(expiresAt, nowMs, serverOffsetMs);
  const urgency = urgencyOf(msLeft);
  return (
    <span class={`countdown urgency-${urgency}`} data-urgency={urgency} data-testid="countdown">
      {formatCountdown(msLeft, i18n.t)}
    </span>
  );
}
