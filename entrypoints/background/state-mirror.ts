/**
 * The background's state: read once from storage (the one init promise every event waits on),
 * kept in memory, and written through on every change, one write at a time. Memory never holds
 * what storage refused: a failed write is undone in memory too. The stored list's rows are
 * derived here, so they never lag the contexts their words come from.
 */
import { checkOrigin } from '@/lib/api/origin';
import { credentialFromTokenKey, credentialUse, type CredentialUse } from '@/lib/credential';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import { listedOf, popupListFor, type Listed } from '@/lib/popup-list';
import { defaultState, type State } from '@/lib/state';
import { readParts, readState, StorageWriteError, writeParts } from '@/lib/store';
import type { BackgroundConfig, Ports, StoragePort } from './ports';

export interface StateMirror {
  readonly ready: Promise<void>;
  readonly state: Readonly<State>;
  /** The stored list read back: its stamp and approvals, or null before the first list. */
  listed(): Listed | null;
  /**
   * Stores parts, and takes them up in memory; false when the browser refused to store them:
   * memory then keeps what it had, and the status says so (a `storage` problem).
   */
  save(parts: Partial<State>): Promise<boolean>;
  /**
   * Takes up what a page saved, given the storage keys that changed; true when the URL or the
   * credential changed. The token goes only where its own record says (lib/credential.ts).
   */
  reloadSettings(changed: readonly string[]): Promise<boolean>;
  /** Takes up the snoozes and the pause the popup saved (the background never writes them). */
  reloadAttention(): Promise<void>;
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
  ports: Pick<Ports, 'storage' | 'api' | 'now' | 't'>,
  config: Pick<BackgroundConfig, 'preset' | 'requestTimeoutMs'>,
): StateMirror {
  let state: State = defaultState();
  let writing: Promise<unknown> = Promise.resolve();

  /** One write at a time, in order (packing can take longer for one write than for the next); true when stored. */
  const write = (parts: Partial<State>): Promise<boolean> => {
    const written = writing
      .then(() => writeParts(ports.storage, parts))
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof StorageWriteError) return false;
          throw error;
        },
      );
    writing = written.catch(() => {});
    return written;
  };

  /** The badge and the popup must not show an old list as if it were the latest. */
  const noteStorageFailure = async () => {
    state.pollStatus = { ...state.pollStatus, problem: { kind: 'storage', at: ports.now() } };
    await write({ pollStatus: state.pollStatus }); // the browser may refuse this too: the badge still says it
  };

  const save = async (parts: Partial<State>) => {
    // The rows' words come from the contexts: keep them in step.
    if ('contexts' in parts && !('popupList' in parts)) {
      parts = { ...parts, popupList: popupListFor(listedOf(state.popupList), parts.contexts ?? {}, ports.t) };
    }
    const names = Object.keys(parts) as Array<keyof State>;
    const before = Object.fromEntries(names.map((name) => [name, state[name]])) as Partial<State>;
    Object.assign(state, parts);
    if (await write(parts)) return true;
    // Undo what no later save has changed since.
    for (const name of names) if (state[name] === parts[name]) Object.assign(state, { [name]: before[name] });
    await noteStorageFailure();
    return false;
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
    listed: () => listedOf(state.popupList),
    save,
    generation,
    credential,
    async reloadSettings(changed) {
      const before = generation();
      const stored = await readParts(ports.storage, ['settings', 'credential', 'token']);
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
    async reloadAttention() {
      state.attention = (await readParts(ports.storage, ['attention'])).attention;
    },
    api() {
      const use = credential();
      return use.ok
        ? ports.api({ origin: use.credential.origin, token: use.credential.token, timeoutMs: config.requestTimeoutMs })
        : null;
    },
  };
}
