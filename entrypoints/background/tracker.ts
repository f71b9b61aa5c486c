/**
 * The approvals followed by id, for tracked mode (an origin without a list route): the ones the
 * reviewer opens in OpenTrain or pastes into the popup.
 */
import { approvalIdFromLink } from '@/lib/api/origin';
import type { TrackResponse } from '@/lib/messages';
import type { Ports } from './ports';
import type { StateMirror } from './state-mirror';
import * as texts from './texts';

/** Tracked ids kept at most, the most recent first. */
const MAX_TRACKED = 200;

export type Tracker = ReturnType<typeof createTracker>;

export function createTracker(mirror: StateMirror, ports: Pick<Ports, 't'>) {
  return {
    /** Follows the approval a link (or a bare id) names, on the configured origin only. */
    async track(input: string): Promise<TrackResponse> {
      const { settings, tracking } = mirror.state;
      const id = approvalIdFromLink(input, settings.origin);
      if (!id) return { ok: false, message: texts.notAnApprovalLink(ports.t, settings.origin) };
      if (!tracking.ids.includes(id)) {
        await mirror.save({ tracking: { ...tracking, ids: [id, ...tracking.ids].slice(0, MAX_TRACKED) } });
      }
      return { ok: true, approvalId: id };
    },
  };
}
