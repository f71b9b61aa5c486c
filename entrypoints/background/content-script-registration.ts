/**
 * The approvals panel on an OpenTrain origin other than the ones the manifest names:
 * registered at run time once the reviewer has granted that origin (options page).
 */
const SCRIPT_ID = 'approvals-configured-origin';

/** A match pattern for an origin's approval pages. Ports are left out: patterns match any port. */
export function approvalPagesPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/approvals/*`;
}

function manifestMatches(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []);
}

export async function syncContentScript(origin: string): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  const pattern = approvalPagesPattern(origin);
  const registered = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  const wanted =
    !manifestMatches().includes(pattern) && (await browser.permissions.contains({ origins: [`${origin}/*`] }));
  if (registered.length) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!wanted) return;
  const script = browser.runtime.getManifest().content_scripts?.[0];
  await scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches: [pattern],
      js: script?.js ?? [],
      css: script?.css ?? [],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}
