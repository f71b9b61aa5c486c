import { DEFAULT_ORIGIN } from '@/lib/api/origin';

export const hostPermissionFor = (origin: string) => `${origin}/*`;

/**
 * Asks for the origin, within the user's click. Chrome grants the default origin at install
 * and answers at once; Firefox asks for it here. Another origin comes with the scripting
 * permission that puts the approvals panel on its pages.
 */
export async function requestOrigin(origin: string): Promise<boolean> {
  try {
    const origins = [hostPermissionFor(origin)];
    return await browser.permissions.request(
      origin === DEFAULT_ORIGIN ? { origins } : { origins, permissions: ['scripting'] },
    );
  } catch {
    return false;
  }
}

/** Gives back an origin no longer used (never the default, which the manifest requires). */
export async function revokeOrigin(origin: string): Promise<void> {
  if (origin === DEFAULT_ORIGIN) return;
  await browser.permissions.remove({ origins: [hostPermissionFor(origin)] }).catch(() => false);
}
