import { approvalPageUrl } from '@/lib/api/origin';

/** The Options page in a tab (the manifest's `open_in_tab`), or the one already open brought forward. */
export async function openOptionsTab(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/**
 * The Options page in a new tab. (openOptionsPage may put it into the blank tab the browser
 * just opened, which the user, or a test, is about to use.)
 */
export async function openOptionsInNewTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/options.html') });
}

/**
 * Opens an approval's page on the configured origin, focusing a tab already on it.
 * The URL is always rebuilt from the origin and id: an approvalUrl from the API is never followed.
 */
export async function openApprovalTab(origin: string, approvalId: string): Promise<void> {
  const url = approvalPageUrl(origin, approvalId);
  const tabs = await browser.tabs.query({});
  const existing = tabs.find((tab) => {
    if (!tab.url) return false;
    try {
      const open = new URL(tab.url);
      return open.origin === origin && open.pathname.replace(/\/$/, '') === new URL(url).pathname;
    } catch {
      return false;
    }
  });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
}
