/**
 * The one way to the persisted State on a storage area (browser.storage.local in the
 * extension): the background reads it whole, pages read the parts they show, everyone writes parts.
 */
import { packJson, unpackJson } from './packed';
import { loadState, STATE_VERSION, VERSION_KEY, type LoadedState, type PartName, type State } from './state';

export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Parts stored packed (lib/packed.ts): large, the same keys for every approval, and read only by
 * the background. One stored unpacked (before version 3) is still read, and packed when next written.
 */
const PACKED: ReadonlySet<string> = new Set<PartName>(['contexts']);

/** The browser refused to store what was written (its quota, most often): nothing of it was stored. */
export class StorageWriteError extends Error {
  override name = 'StorageWriteError';
}

/** Stored values as the schemas read them. One that does not unpack is left as it is: its schema refuses it. */
async function unpacked(stored: Record<string, unknown>): Promise<Record<string, unknown>> {
  const record = { ...stored };
  for (const key of PACKED) {
    const value = record[key];
    if (typeof value === 'string') record[key] = await unpackJson(value).catch(() => value);
  }
  return record;
}

async function write(area: StorageAreaLike, items: Record<string, unknown>): Promise<void> {
  try {
    const packed = { ...items };
    for (const key of PACKED) if (key in packed) packed[key] = await packJson(packed[key]);
    await area.set(packed);
  } catch (error) {
    throw new StorageWriteError(`not stored: ${Object.keys(items).join(', ')}`, { cause: error });
  }
}

/** The whole state, migrated; what was migrated or repaired is written back (the background's read). */
export async function readState(area: StorageAreaLike): Promise<LoadedState> {
  let stored: Record<string, unknown>;
  try {
    stored = await unpacked(await area.get(null));
  } catch {
    stored = {};
  }
  const loaded = loadState(stored);
  try {
    if (Object.keys(loaded.writeBack).length) await write(area, loaded.writeBack);
    if (loaded.removed.length) await area.remove(loaded.removed);
  } catch (error) {
    // The state is right in memory, its parts are stored as they change, and a migration runs again.
    loaded.resets.push(`what was migrated or repaired could not be stored (${(error as Error).name})`);
  }
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
  const stored = await unpacked(await area.get([...keys]));
  const { state } = loadState({ ...stored, [VERSION_KEY]: STATE_VERSION });
  return Object.fromEntries(keys.map((key) => [key, state[key]])) as Pick<State, K>;
}

/** Writes parts; throws a StorageWriteError when the browser does not store them. */
export function writeParts(area: StorageAreaLike, parts: Partial<State>): Promise<void> {
  return write(area, parts);
}
