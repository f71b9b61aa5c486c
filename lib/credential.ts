/**
 * The API token and the OpenTrain URL it was saved for, stored as one record: the token is sent
 * to that URL only. The URL in the settings, changed on its own (anything that can write storage
 * could change it), never takes the token with it: the token must be saved again for a new URL.
 */
import * as z from 'zod/mini';
import { checkOrigin } from './api/origin';

const isAllowedOrigin = (origin: string) => {
  const checked = checkOrigin(origin);
  return checked.ok && checked.origin === origin;
};

export const credentialSchema = z.nullable(
  z.object({
    origin: z.string().check(z.refine(isAllowedOrigin, 'Not an allowed OpenTrain URL')),
    token: z.string().check(z.minLength(1)),
  }),
);
export type Credential = NonNullable<z.infer<typeof credentialSchema>>;

export type CredentialUse =
  | { ok: true; credential: Credential }
  /** No token saved, or the settings name another URL than the one the token was saved for. */
  | { ok: false; reason: 'missing' | 'origin_changed' };

export function credentialUse(credential: Credential | null, settingsOrigin: string): CredentialUse {
  if (!credential) return { ok: false, reason: 'missing' };
  if (credential.origin !== settingsOrigin) return { ok: false, reason: 'origin_changed' };
  return { ok: true, credential };
}

/**
 * What a page that knows only the older `token` key saved: a token for the URL it saved with it
 * (the options page writes both at once), or no token.
 */
export function credentialFromTokenKey(token: string | null, settingsOrigin: string): Credential | null {
  return token ? { origin: settingsOrigin, token } : null;
}
