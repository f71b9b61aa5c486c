import type { Badge } from '@/lib/badge';

/** Firefox MV2 has browserAction only; MV3 builds have action. */
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export async function setBadge(badge: Badge): Promise<void> {
  const toolbar = action();
  await Promise.all([
    toolbar.setBadgeText({ text: badge.text }),
    toolbar.setBadgeBackgroundColor({ color: badge.color }),
    toolbar.setTitle({ title: badge.title }),
    toolbar.setBadgeTextColor?.({ color: '#ffffff' }),
  ]);
}
