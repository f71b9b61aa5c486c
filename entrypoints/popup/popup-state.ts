import type { PopupState } from '@/lib/popup-view';
import { readParts } from '@/lib/store';

/** Only what the popup paints: the compact list, not every approval and context. */
const KEYS = ['token', 'pollStatus', 'popupList'] as const;

/** The parts of the stored state the popup paints from, validated (a bad part reads as its default). */
export function loadPopupState(): Promise<PopupState> {
  return readParts(browser.storage.local, KEYS);
}

export function watchPopupState(onChange: (state: PopupState) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEYS.some((key) => key in changes)) void loadPopupState().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
