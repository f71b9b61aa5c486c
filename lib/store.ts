/** Reads and writes the persisted State on a storage area (browser.storage.local in the extension). */
import { loadState, type LoadedState, type State } from './state';

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
  if (Object.keys(loaded.writeBack).length) await area.set(loaded.writeBack);
  return loaded;
}

export async function writeParts(area: StorageAreaLike, parts: Partial<State>): Promise<void> {
  await area.set({ ...parts });
}
