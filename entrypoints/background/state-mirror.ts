/**
 * The background's state: read once from storage (the one init promise every event waits on),
 * kept in memory, and written through on every change. The popup's compact list is derived
 * here, so it never lags the list and contexts it comes from.
 */
import { checkOrigin } from '@/lib/api/origin';
import { credentialFromTokenKey, credentialUse, type CredentialUse } from '@/lib/credential';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import { popupListFor } from '@/lib/popup-list';
import { defaultState, type State } from '@/lib/state';
import { readState, writeParts } from '@/lib/store';
import type { BackgroundConfig, Ports, StoragePort } from './ports';

export interface StateMirror {
  readonly ready: Promise<void>;
  readonly state: Readonly<State>;
  save(parts: Partial<State>): Promise<void>;
  /**
   * Takes up what a page saved, given the storage keys that changed; true when the URL or the
   * credential changed. The token goes only where its own record says (lib/credential.ts).
   */
  reloadSettings(changed: readonly string[]): Promise<boolean>;
  /** The URL and credential: an answer fetched under another generation is stale. */
  generation(): string;
  /** Whether the API may be called, or why not. */
  credential(): CredentialUse;
  /** The API for the saved credential, or null while there is none to use. */
  api(): OpenTrainApi | null;
}

/**
 * Chrome (102+) can close the storage area to content scripts, so a script on a web page can never
 * read the token there. Firefox has no such call (see README, Privacy). Failing is not fatal.
 */
async function closeToContentScripts(storage: StoragePort) {
  try {
    await storage.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch (error) {
    console.warn(
      `[OpenTrain approvals] storage could not be closed to content scripts (${error instanceof Error ? error.name : 'error'})`,
    );
  }
}

export function createStateMirror(
  ports: Pick<Ports, 'storage' | 'api'>,
  config: Pick<BackgroundConfig, 'preset' | 'requestTimeoutMs'>,
): StateMirror {
  let state: State = defaultState();

  const save = async (parts: Partial<State>) => {
    Object.assign(state, parts);
    // The popup paints from a list derived from these two: keep it in step.
    if ('snapshot' in parts || 'contexts' in parts) {
      state.popupList = popupListFor(state.snapshot, state.contexts);
      parts = { ...parts, popupList: state.popupList };
    }
    await writeParts(ports.storage, parts);
  };

  /** Test and demo builds can preset the URL and token; production builds define nulls. */
  const applyPreset = async () => {
    const preset = config.preset;
    if (!preset?.origin || !preset.token || state.credential) return;
    const origin = checkOrigin(preset.origin);
    if (!origin.ok) return;
    await save({
      settings: { ...state.settings, origin: origin.origin },
      credential: { origin: origin.origin, token: preset.token },
      token: preset.token, // for the pages that still read it
    });
  };

  const ready = (async () => {
    await closeToContentScripts(ports.storage);
    const loaded = await readState(ports.storage);
    for (const reason of loaded.resets) console.warn(`[OpenTrain approvals] ${reason}`);
    state = loaded.state;
    if (state.snapshot && !state.popupList) await save({ contexts: state.contexts }); // a reset popup list is rebuilt
    await applyPreset();
  })();

  const generation = () =>
    [state.settings.origin, state.credential?.origin ?? '', state.credential?.token ?? ''].join('\n');
  const credential = () => credentialUse(state.credential, state.settings.origin);

  return {
    ready,
    get state() {
      return state;
    },
    save,
    generation,
    credential,
    async reloadSettings(changed) {
      const before = generation();
      const stored = (await readState(ports.storage)).state;
      state.settings = stored.settings;
      if (changed.includes('credential')) {
        state.credential = stored.credential;
      } else if (changed.includes('token')) {
        // A page that writes only the token key (the options page until it saves the credential):
        // the token was saved with these settings, so it is bound to their URL.
        await save({ credential: credentialFromTokenKey(stored.token, stored.settings.origin) });
      }
      return generation() !== before;
    },
    api() {
      const use = credential();
      return use.ok
        ? ports.api({ origin: use.credential.origin, token: use.credential.token, timeoutMs: config.requestTimeoutMs })
        : null;
    },
  };
}
