/**
 * The background's state: read once from storage (the one init promise every event waits on),
 * kept in memory, and written through on every change. The popup's compact list is derived
 * here, so it never lags the list and contexts it comes from.
 */
import { checkOrigin } from '@/lib/api/origin';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import { popupListFor } from '@/lib/popup-list';
import { defaultState, type State } from '@/lib/state';
import { readState, writeParts } from '@/lib/store';
import type { BackgroundConfig, Ports } from './ports';

export interface StateMirror {
  readonly ready: Promise<void>;
  readonly state: Readonly<State>;
  save(parts: Partial<State>): Promise<void>;
  /** Takes up the settings and token the options page saved; true when the URL or token changed. */
  reloadSettings(): Promise<boolean>;
  /** The URL and token: an answer fetched under another generation is stale. */
  generation(): string;
  /** The API for the current URL and token, or null while there is no token. */
  api(): OpenTrainApi | null;
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
    if (!preset?.origin || state.token) return;
    const origin = checkOrigin(preset.origin);
    if (!origin.ok) return;
    await save({ settings: { ...state.settings, origin: origin.origin }, token: preset.token });
  };

  const ready = (async () => {
    const loaded = await readState(ports.storage);
    for (const reason of loaded.resets) console.warn(`[OpenTrain approvals] ${reason}`);
    state = loaded.state;
    if (state.snapshot && !state.popupList) await save({ contexts: state.contexts }); // a reset popup list is rebuilt
    await applyPreset();
  })();

  const generation = () => `${state.settings.origin}\n${state.token ?? ''}`;

  return {
    ready,
    get state() {
      return state;
    },
    save,
    generation,
    async reloadSettings() {
      const before = generation();
      const stored = await readState(ports.storage);
      state.settings = stored.state.settings;
      state.token = stored.state.token;
      return generation() !== before;
    },
    api() {
      return state.token
        ? ports.api({ origin: state.settings.origin, token: state.token, timeoutMs: config.requestTimeoutMs })
        : null;
    },
  };
}
