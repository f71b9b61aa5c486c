import type { PopupState } from '@/lib/popup-view';
import { loadState, STATE_VERSION, VERSION_KEY } from '@/lib/state';

/** Only what the popup paints: the compact list, not every approval and context. */
const KEYS = ['token', 'pollStatus', 'popupList'] as const;

/** The parts of the stored state the popup paints from, validated (a bad part reads as its default). */
export async function loadPopupState(): Promise<PopupState> {
  const stored = await browser.storage.local.get([...KEYS]);
  // The background migrates stored state; pages only read it as the current version.
  const { state } = loadState({ ...stored, [VERSION_KEY]: STATE_VERSION });
  return { token: state.token, pollStatus: state.pollStatus, popupList: state.popupList };
}

export function watchPopupState(onChange: (state: PopupState) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEYS.some((key) => key in changes)) void loadPopupState().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
