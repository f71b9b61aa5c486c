/**
 * The keyboard commands (manifest `commands`, lib/commands.ts). "Open the most urgent approval"
 * opens it on the configured OpenTrain URL, as a notification click does (an approvalUrl from the
 * API is never followed). Not connected, it opens Options, which says what to do; with nothing to
 * open, a notification says so, since a shortcut that does nothing looks broken.
 */
import { isApprovalId } from '@/lib/api/origin';
import { COMMAND } from '@/lib/commands';
import { mostUrgent } from '@/lib/most-urgent';
import type { Ports } from './ports';
import type { StateMirror } from './state-mirror';
import * as texts from './texts';

/** The ids of the shortcut's own notifications (a click on one opens nothing). */
export const COMMAND_NOTIFICATION = { nothingWaiting: 'command:nothing-waiting', notLoaded: 'command:not-loaded' };

export function createCommands(mirror: StateMirror, ports: Pick<Ports, 'tabs' | 'notifier' | 'now' | 't'>) {
  async function openMostUrgent() {
    if (!mirror.credential().ok) return ports.tabs.openOptions();
    const { popupList, attention, settings } = mirror.state;
    if (!popupList) return ports.notifier.show({ id: COMMAND_NOTIFICATION.notLoaded, ...texts.notLoaded(ports.t) });
    const openable = { ...popupList, rows: popupList.rows.filter((row) => isApprovalId(row.id)) };
    const row = mostUrgent(openable, attention, { nowMs: ports.now(), reminderLeadMin: settings.reminderLeadMin });
    if (!row) return ports.notifier.show({ id: COMMAND_NOTIFICATION.nothingWaiting, ...texts.nothingWaiting(ports.t) });
    await ports.tabs.openApproval(settings.origin, row.id);
  }

  return async function onCommand(name: string): Promise<void> {
    if (name === COMMAND.openMostUrgent) await openMostUrgent();
  };
}
