/**
 * The background's jobs, wired together over the ports they are given, and the browser events
 * they answer. Every handler waits on the one init promise: the state read from storage.
 */
import { idRecord } from '@/lib/id-record';
import type { SenderInfo } from '@/lib/messages';
import { defaultPollStatus, defaultTracking } from '@/lib/poll-record';
import { createAnnouncer } from './announcer';
import { createCommands } from './commands';
import { createFirstRun } from './first-run';
import { createOutcomeRecorder } from './outcome-recorder';
import { createPanelQuery } from './panel-query';
import { createPoller } from './poller';
import { ALARM_POLL, ALARM_TICK, type BackgroundConfig, type Ports } from './ports';
import { createRouter } from './router';
import { createStateMirror } from './state-mirror';
import { createTracker } from './tracker';

export type Background = ReturnType<typeof createBackground>;

export function createBackground(ports: Ports, config: BackgroundConfig) {
  const mirror = createStateMirror(ports, config);
  const announcer = createAnnouncer(mirror, ports);
  const outcomes = createOutcomeRecorder(mirror, ports);
  const poller = createPoller(mirror, announcer, ports, config, outcomes);
  const tracker = createTracker(mirror, ports);
  const panel = createPanelQuery(mirror, tracker, ports, outcomes);
  const onInstalled = createFirstRun(mirror, ports);
  const onCommand = createCommands(mirror, ports);
  const route = createRouter({ mirror, poller, tracker, panel }, ports, config);
  const syncContentScript = () => ports.contentScript.sync(mirror.state.settings.origin);

  const afterInit =
    <A extends unknown[], R>(handle: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await mirror.ready;
      return handle(...args);
    };

  return {
    start: afterInit(async () => {
      await syncContentScript();
      await poller.resume();
      await announcer.paintBadge();
    }),
    onAlarm: afterInit(async (name: string) => {
      if (name === ALARM_POLL) await poller.poll();
      if (name === ALARM_TICK) await announcer.onTick();
    }),
    onOnline: afterInit(() => poller.onOnline()),
    /** A page saved settings or a token: `changed` are the storage keys it wrote. */
    onSettingsChanged: afterInit(async (changed: readonly string[]) => {
      if (await mirror.reloadSettings(changed)) {
        // A new token or URL: start again, but remember what was already announced (and what became
        // of approvals; those still to read belonged to the old token or URL).
        await mirror.save({
          resolving: idRecord(),
          popupList: null,
          contexts: idRecord(),
          tracking: defaultTracking(),
          pollStatus: defaultPollStatus(),
        });
        await syncContentScript();
        await poller.restart();
      } else {
        await poller.reschedule();
        // Quiet hours, break-through or filters may have changed: plan again now (after a poll in
        // flight, whose new approvals' contexts the filters need).
        await poller.idle();
        await announcer.notifyAndTick();
      }
      await announcer.paintBadge();
    }),
    /** The popup snoozed, woke, paused or resumed: the badge and the notifications follow at once. */
    onAttentionChanged: afterInit(async () => {
      await mirror.reloadAttention();
      await announcer.paintBadge();
      await poller.idle();
      await announcer.notifyAndTick();
    }),
    onNotificationClicked: afterInit((id: string) => announcer.onNotificationClicked(id)),
    /** runtime.onInstalled: on install, Options with its welcome. */
    onInstalled: afterInit(onInstalled),
    /** A keyboard command (manifest `commands`). */
    onCommand: afterInit(onCommand),
    onMessage: afterInit((raw: unknown, sender: SenderInfo) => route(raw, sender)),
  };
}
