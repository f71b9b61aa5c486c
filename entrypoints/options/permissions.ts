import { DEFAULT_ORIGIN } from '@/lib/api/origin';

/**
 * The match pattern for an origin. Match patterns take no port (a pattern matches every port):
 * Firefox refuses `http://127.0.0.1:8787/*` outright, and it is the port-less pattern the
 * manifest declares.
 */
export const hostPermissionFor = (origin: string) => {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
};

/**
 * Whether `scripting` is held already, as `permissions.contains` answered. It is asked ahead of
 * the click: Firefox counts a call as the user's only while the click is being handled, so
 * `permissions.request` cannot wait for another answer first. Until that answer arrives, the
 * manifest decides (a build may require `scripting`, and Firefox refuses a request for a
 * permission the manifest requires).
 */
let scriptingHeld: boolean | null = null;

async function checkScripting(): Promise<void> {
  try {
    scriptingHeld = await browser.permissions.contains({ permissions: ['scripting'] });
  } catch {
    scriptingHeld = null;
  }
}

function watchPermissions(): void {
  try {
    void checkScripting();
    browser.permissions.onAdded.addListener(() => void checkScripting());
    browser.permissions.onRemoved.addListener(() => void checkScripting());
  } catch {
    // No permissions API here (unit tests without it): the manifest decides.
  }
}
watchPermissions();

function needsScripting(): boolean {
  if (scriptingHeld != null) return !scriptingHeld;
  try {
    return !browser.runtime.getManifest().permissions?.includes('scripting');
  } catch {
    return true;
  }
}

/**
 * Asks for the origin, within the user's click (nothing is awaited before the request). Chrome
 * grants the default origin at install and answers at once; Firefox may ask here. Another origin
 * comes with the scripting permission that puts the approvals panel on its pages, unless it is
 * held already.
 */
export async function requestOrigin(origin: string): Promise<boolean> {
  try {
    const origins = [hostPermissionFor(origin)];
    const withScripting = origin !== DEFAULT_ORIGIN && needsScripting();
    const granted = await browser.permissions.request(
      withScripting ? { origins, permissions: ['scripting'] } : { origins },
    );
    if (granted && withScripting) scriptingHeld = true;
    return granted;
  } catch {
    return false;
  }
}

/**
 * Gives back an origin no longer used: never the default (the manifest requires it), nor a
 * pattern the origin now saved still needs (another port on the same host has the same pattern).
 * Back on the default origin, `scripting` goes too, where it was only asked for with the other
 * origin (the manifest puts the panel on the default origin's pages).
 */
export async function revokeOrigin(origin: string): Promise<void> {
  if (origin === DEFAULT_ORIGIN) return;
  const pattern = hostPermissionFor(origin);
  let current: string | null = null;
  try {
    const { settings } = (await browser.storage.local.get('settings')) as { settings?: { origin?: unknown } };
    current = typeof settings?.origin === 'string' ? settings.origin : null;
  } catch {
    // Unreadable settings: give it back as asked.
  }
  if (current && hostPermissionFor(current) === pattern) return;
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  if (current === DEFAULT_ORIGIN && !requiredByManifest('scripting')) {
    await browser.permissions.remove({ permissions: ['scripting'] }).catch(() => false);
    scriptingHeld = false;
  }
}

function requiredByManifest(permission: string): boolean {
  try {
    return (browser.runtime.getManifest().permissions ?? []).some((held) => held === permission);
  } catch {
    return false;
  }
}
