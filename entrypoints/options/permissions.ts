import { DEFAULT_ORIGIN } from '@/lib/api/origin';

export const hostPermissionFor = (origin: string) => `${origin}/*`;

/**
 * Asks for an origin other than the default, with the scripting permission that puts the
 * approvals panel on its pages. Must run within the user's click.
 */
export async function requestOrigin(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [hostPermissionFor(origin)], permissions: ['scripting'] });
  } catch {
    return false;
  }
}

/** Gives back an origin no longer used (never the default, which the manifest requires). */
export async function revokeOrigin(origin: string): Promise<void> {
  if (origin === DEFAULT_ORIGIN) return;
  await browser.permissions.remove({ origins: [hostPermissionFor(origin)] }).catch(() => false);
}
