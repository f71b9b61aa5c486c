/** Reads and writes the persisted State on a storage area (browser.storage.local in the extension). */
import { loadState, STATE_VERSION, VERSION_KEY, type LoadedState, type State } from './state';

export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function readState(area: StorageAreaLike): Promise<LoadedState> {
  let stored: Record<string, unknown>;
  try {
    stored = await area.get(null);
  } catch {
    stored = {};
  }
  const loaded = loadState(stored);
  if (loaded.dirty) await area.set({ ...loaded.state, [VERSION_KEY]: STATE_VERSION });
  return loaded;
}

export async function writeParts(area: StorageAreaLike, parts: Partial<State>): Promise<void> {
  await area.set({ ...parts });
}
