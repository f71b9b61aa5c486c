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

/** The host permission an origin needs, port-less as match patterns are (Firefox answers false with a port). */
function hostPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

function manifestMatches(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []);
}

/**
 * A manifest file entry as `registerContentScripts` wants it: relative to the extension's root.
 * Chrome's `getManifest()` gives it that way; Firefox gives a full `moz-extension://…` URL.
 */
export function extensionRelativePath(file: string): string {
  const root = browser.runtime.getURL('/');
  if (file.startsWith(root)) return file.slice(root.length);
  const url = /^[a-z-]+-extension:\/\/[^/]+\/(.*)$/.exec(file);
  return url ? url[1]! : file.replace(/^\//, '');
}

async function sync(origin: string): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  const pattern = approvalPagesPattern(origin);
  const registered = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  const wanted =
    !manifestMatches().includes(pattern) && (await browser.permissions.contains({ origins: [hostPattern(origin)] }));
  if (registered.length) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!wanted) return;
  const script = browser.runtime.getManifest().content_scripts?.[0];
  const css = (script?.css ?? []).map(extensionRelativePath);
  await scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches: [pattern],
      js: (script?.js ?? []).map(extensionRelativePath),
      ...(css.length ? { css } : {}),
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

/**
 * Registers the panel for the configured origin, or unregisters it. It never throws: the panel
 * is an extra, and a failure here must not stop the caller from polling and painting the badge.
 * The failure is logged (the origin and the browser's message; never the token, which this
 * code never sees).
 */
export async function syncContentScript(origin: string): Promise<void> {
  try {
    await sync(origin);
  } catch (error) {
    console.warn(
      `[OpenTrain approvals] Could not put the approvals panel on ${origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
