import type { NotificationSpec } from '@/lib/notifications';

export async function showNotification(spec: NotificationSpec): Promise<void> {
  await browser.notifications.create(spec.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: spec.title,
    message: spec.message,
    priority: 2,
  });
}

export async function clearNotification(id: string): Promise<void> {
  await browser.notifications.clear(id);
}
