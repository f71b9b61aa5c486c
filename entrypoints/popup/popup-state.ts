import type { PopupState } from '@/lib/popup-view';
import { loadState, STATE_VERSION, VERSION_KEY } from '@/lib/state';

const KEYS = ['token', 'snapshot', 'pollStatus', 'contexts'] as const;

/** The parts of the stored state the popup paints from, validated (a bad part reads as its default). */
export async function loadPopupState(): Promise<PopupState> {
  const stored = await browser.storage.local.get([...KEYS]);
  // The background migrates stored state; pages only read it as the current version.
  const { state } = loadState({ ...stored, [VERSION_KEY]: STATE_VERSION });
  return { token: state.token, snapshot: state.snapshot, pollStatus: state.pollStatus, contexts: state.contexts };
}

export function watchPopupState(onChange: (state: PopupState) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEYS.some((key) => key in changes)) void loadPopupState().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
