/**
 * The one way to the persisted State on a storage area (browser.storage.local in the
 * extension): the background reads it whole, pages read the parts they show, everyone writes parts.
 */
import { loadState, STATE_VERSION, VERSION_KEY, type LoadedState, type PartName, type State } from './state';

export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The whole state, migrated; what was migrated or repaired is written back (the background's read). */
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

/**
 * Some parts, validated (a bad part reads as its default). Pages read this way: the background
 * migrates stored state, so pages read it as the current version and never write back.
 */
export async function readParts<K extends PartName>(
  area: StorageAreaLike,
  keys: readonly K[],
): Promise<Pick<State, K>> {
  const stored = await area.get([...keys]);
  const { state } = loadState({ ...stored, [VERSION_KEY]: STATE_VERSION });
  return Object.fromEntries(keys.map((key) => [key, state[key]])) as Pick<State, K>;
}

export async function writeParts(area: StorageAreaLike, parts: Partial<State>): Promise<void> {
  await area.set({ ...parts });
}
