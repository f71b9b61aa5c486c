/**
 * Messages from the popup, the options page and the content script: untrusted until the sender
 * is one of ours, the message parses, and that sender may send it; then handed to its job.
 */
import { isApprovalId } from '@/lib/api/origin';
import {
  ALLOWED,
  classifySender,
  messageSchema,
  type Message,
  type PanelResponse,
  type ResponseFor,
  type SenderInfo,
} from '@/lib/messages';
import type { Poller } from './poller';
import type { BackgroundConfig, Ports } from './ports';
import type { StateMirror } from './state-mirror';
import type { Translate } from '@/lib/i18n';
import * as texts from './texts';
import type { Tracker } from './tracker';

export interface RouterJobs {
  mirror: StateMirror;
  poller: Poller;
  tracker: Tracker;
  panel: (approvalId: string, fresh: boolean) => Promise<PanelResponse>;
}

/** Why there is nothing to refresh: no token, or one saved for another URL. */
function notConnected(mirror: StateMirror, t: Translate): string {
  const use = mirror.credential();
  if (use.ok || use.reason === 'missing') return texts.addTokenFirst(t);
  const { title, action } = texts.originChanged(t);
  return `${title} ${action}`;
}

/** The answer to a sender that may not ask what it asked: readable as any failure. */
const refused = (t: Translate) => ({ ok: false, reason: 'refused', collapsed: false, ...texts.refused(t) }) as const;

export function createRouter(
  { mirror, poller, tracker, panel }: RouterJobs,
  ports: Pick<Ports, 'tabs' | 'notifier' | 'now' | 't'>,
  config: Pick<BackgroundConfig, 'extensionId' | 'extensionBaseUrl'>,
) {
  async function handle(message: Message): Promise<ResponseFor[Message['type']]> {
    switch (message.type) {
      case 'refresh':
        if (!mirror.credential().ok) return { ok: false, message: notConnected(mirror, ports.t) };
        return { ok: true, ...(await poller.refresh()) };
      case 'track': {
        const result = await tracker.track(message.input);
        // Tracked mode reads only what it follows: read this one now.
        if (result.ok && mirror.state.pollStatus.mode === 'tracked') void poller.poll();
        return result;
      }
      case 'panel':
        return panel(message.approvalId, message.fresh);
      case 'open':
        if (!isApprovalId(message.approvalId)) return { ok: false, message: texts.notAnApprovalId(ports.t) };
        await ports.tabs.openApproval(mirror.state.settings.origin, message.approvalId);
        return { ok: true };
      case 'testNotification':
        await ports.notifier.show({ id: `test:${ports.now()}`, ...texts.testNotification(ports.t) });
        return { ok: true };
      case 'setPanelCollapsed':
        await mirror.save({ panelCollapsed: message.collapsed });
        return { ok: true };
    }
  }

  return async function onMessage(raw: unknown, sender: SenderInfo): Promise<unknown> {
    const kind = classifySender(sender, config.extensionId, config.extensionBaseUrl, mirror.state.settings.origin);
    const parsed = messageSchema.safeParse(raw);
    if (!kind || !parsed.success || !ALLOWED[kind].has(parsed.data.type)) return refused(ports.t);
    return handle(parsed.data);
  };
}
