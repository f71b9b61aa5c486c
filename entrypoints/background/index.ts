/**
 * The service worker: thin wiring between browser events and lib/. Every listener is
 * registered synchronously here; each handler waits on the one init promise.
 */
import { createBackground } from './controller';

export default defineBackground(() => {
  const background = createBackground();
  browser.alarms.onAlarm.addListener((alarm) => void background.onAlarm(alarm.name));
  browser.runtime.onMessage.addListener((message, sender) => background.onMessage(message, sender));
  browser.notifications.onClicked.addListener((id) => void background.onNotificationClicked(id));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ('settings' in changes || 'token' in changes)) void background.onSettingsChanged();
  });
  // Back online: poll at once. (After sleep, the overdue poll alarm fires by itself on wake.)
  globalThis.addEventListener?.('online', () => void background.onOnline());
  void background.start();
});
