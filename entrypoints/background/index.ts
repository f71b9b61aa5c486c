/**
 * The service worker: wiring only. The real ports are built from `browser` here, and every
 * listener is registered synchronously, before anything is awaited (an MV3 worker woken by an
 * event gets it only if its listener is there at once); the jobs wait on the init promise.
 */
import { i18n } from '#i18n';
import { uiLocale } from '@/components/locale';
import { currentTimeZone } from '@/lib/local-time';
import { openTrainApi } from '@/lib/opentrain-api';
import { minIntervalSec } from '@/lib/settings';
import { browserAlarms } from './alarms';
import { createBackground } from './background';
import { syncContentScript } from './content-script-registration';
import { clearNotification, showNotification } from './notifier';
import { openApprovalTab, openOptionsInNewTab, openOptionsTab } from './tabs';
import { setBadge } from './toolbar';

/** What the options page saves. */
const SETTINGS_KEYS = ['settings', 'credential', 'token'];

declare const __OT_PRESET__: { origin: string | null; token: string | null };
/** 30 s in store builds; the e2e flavour may shorten it to exercise timeouts quickly. */
declare const __OT_REQUEST_TIMEOUT_MS__: number;

export default defineBackground(() => {
  const background = createBackground(
    {
      storage: browser.storage.local,
      alarms: browserAlarms,
      notifier: { show: showNotification, clear: clearNotification },
      badge: { set: setBadge },
      tabs: { openApproval: openApprovalTab, openOptions: openOptionsTab, openOptionsInNewTab },
      contentScript: { sync: syncContentScript },
      api: openTrainApi,
      now: Date.now,
      timeZone: currentTimeZone,
      random: Math.random,
      t: i18n.t,
      locale: uiLocale(),
    },
    {
      minIntervalSec: minIntervalSec(import.meta.env.BROWSER, import.meta.env.MODE === 'e2e'),
      requestTimeoutMs: __OT_REQUEST_TIMEOUT_MS__,
      // Test and demo builds can preset the URL and token; production builds define nulls.
      preset: typeof __OT_PRESET__ === 'undefined' ? null : __OT_PRESET__,
      extensionId: browser.runtime.id,
      extensionBaseUrl: browser.runtime.getURL('/'),
    },
  );
  browser.alarms.onAlarm.addListener((alarm) => void background.onAlarm(alarm.name));
  browser.runtime.onMessage.addListener((message, sender) => background.onMessage(message, sender));
  browser.notifications.onClicked.addListener((id) => void background.onNotificationClicked(id));
  browser.runtime.onInstalled.addListener(({ reason }) => void background.onInstalled(reason));
  browser.commands.onCommand.addListener((name) => void background.onCommand(name));
  browser.storage.onChanged.addListener((changes, area) => {
    const changed = Object.keys(changes);
    if (area === 'local' && SETTINGS_KEYS.some((key) => changed.includes(key)))
      void background.onSettingsChanged(changed);
    // Snoozes and the pause, from the popup.
    if (area === 'local' && changed.includes('attention')) void background.onAttentionChanged();
  });
  // Back online: poll at once. (After sleep, the overdue poll alarm fires by itself on wake.)
  globalThis.addEventListener?.('online', () => void background.onOnline());
  void background.start();
});
