/**
 * The extension's persisted state: typed, versioned, one storage key per part. Each part's
 * schema lives beside the logic that owns it (settings, poll-record, context, popup-list);
 * here they are put together. Each part is validated on read; a part that is corrupted or
 * unreadable falls back to its default with a reason, and the other parts are kept.
 */
import * as z from 'zod/mini';
import { DEFAULT_ORIGIN } from './api/origin';
import { attentionSchema, defaultAttention } from './attention';
import { approvalContextSchema } from './context';
import { credentialFromTokenKey, credentialSchema } from './credential';
import { defaultHeld, heldSchema } from './held';
import { idRecord, idRecordSchema } from './id-record';
import { approvalSchema } from './api/schemas';
import { resolvingSchema } from './outcome-learning';
import { outcomesSchema } from './outcomes';
import { defaultPollStatus, defaultTracking, pollStatusSchema, trackingSchema } from './poll-record';
import { popupListSchema } from './popup-list';
import { defaultSettings, settingsSchema } from './settings';

// Pages and the end-to-end tests take the settings' type and defaults from the state.
export { defaultSettings, type Settings } from './settings';

export const STATE_VERSION = 4;

/** What was announced and reminded: planNotifications' memory (lib/notifications.ts). */
export const notifiedSchema = idRecordSchema(
  z.object({
    new: z.optional(z.number()),
    reminder: z.optional(z.number()),
    group: z.optional(z.string()),
    expiresAt: z.string(),
    /** When it left the pending list (its notifications were cleared then). */
    gone: z.optional(z.number()),
    /** The snooze (its `at`, lib/attention.ts) for which its notifications were taken down. */
    snoozedAt: z.optional(z.number()),
    /** The summary notification it was in, after a pause or quiet hours (lib/held.ts). */
    summary: z.optional(z.string()),
  }),
);
export type Notified = z.infer<typeof notifiedSchema>;

export const contextsSchema = idRecordSchema(approvalContextSchema);
export type Contexts = z.infer<typeof contextsSchema>;

/**
 * The token as the pages that predate `credential` read and write it (the popup asks whether one
 * is saved; the options page saves it with the settings). The background uses only `credential`.
 */
export const tokenSchema = z.nullable(z.string());

export const PARTS = {
  settings: settingsSchema,
  credential: credentialSchema,
  token: tokenSchema,
  pollStatus: pollStatusSchema,
  notified: notifiedSchema,
  contexts: contextsSchema,
  tracking: trackingSchema,
  /** The pending list, stored once, as the rows the popup paints (lib/popup-list.ts). */
  popupList: popupListSchema,
  panelCollapsed: z.boolean(),
  /** Snoozes and the notification pause, written by the popup (lib/attention.ts). */
  attention: attentionSchema,
  /** The last week's resolved approvals, newest first, written by the background (lib/outcomes.ts). */
  outcomes: outcomesSchema,
  /** Approvals that left the list whose outcome a read is still to tell, written by the background (lib/outcome-learning.ts). */
  resolving: resolvingSchema,
  /** What arrived while notifications were paused or quiet, for one summary; written by the background (lib/held.ts). */
  held: heldSchema,
} as const;

export type PartName = keyof typeof PARTS;
export type State = { [K in PartName]: z.infer<(typeof PARTS)[K]> };

export function defaultState(): State {
  return {
    settings: defaultSettings(),
    credential: null,
    token: null,
    pollStatus: defaultPollStatus(),
    notified: idRecord(),
    contexts: idRecord(),
    tracking: defaultTracking(),
    popupList: null,
    panelCollapsed: false,
    attention: defaultAttention(),
    outcomes: [],
    resolving: idRecord(),
    held: defaultHeld(),
  };
}

export const PART_NAMES = Object.keys(PARTS) as PartName[];
export const VERSION_KEY = 'stateVersion';

/** A migration turns the stored record of version n into version n + 1. */
export type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** Version 2 binds a saved token to the URL saved with it (see lib/credential.ts). */
const bindTokenToItsOrigin: Migration = (stored) => {
  if (typeof stored.token !== 'string' || !stored.token) return stored;
  const settings = settingsSchema.safeParse(stored.settings);
  const origin = settings.success ? settings.data.origin : DEFAULT_ORIGIN;
  return { ...stored, credential: credentialFromTokenKey(stored.token, origin) };
};

/**
 * Version 3 stores the list once: the popup's rows, which now carry their approvals' links, and
 * no `snapshot` beside them. The links come from the snapshot; rows it lacks get them at the next poll.
 */
const storeListOnce: Migration = ({ snapshot, ...stored }) => {
  const list = popupListSchema.safeParse(stored.popupList);
  const approvals = z.array(approvalSchema).safeParse((snapshot as { approvals?: unknown } | null)?.approvals);
  if (!list.success || !list.data || !approvals.success) return stored;
  const links = new Map(
    approvals.data.map(({ id, contractId, milestoneId, jobId, proposalId }) => [
      id,
      { contractId, milestoneId, jobId, proposalId },
    ]),
  );
  return {
    ...stored,
    popupList: { ...list.data, rows: list.data.rows.map((row) => ({ ...row, ...links.get(row.id) })) },
  };
};

/**
 * Version 4 (the reviewer's day) adds parts and settings whose defaults are right for everything
 * stored before: nothing to move, and `notified` is kept, so nothing is announced again.
 */
const addTheReviewersDay: Migration = (stored) => stored;

/** Index n migrates version n to n + 1. Version 0 is "nothing stored yet": nothing to move. */
export const MIGRATIONS: Migration[] = [(stored) => stored, bindTokenToItsOrigin, storeListOnce, addTheReviewersDay];

export interface LoadedState {
  state: State;
  /** Why parts were reset, for the log (never containing a stored value). */
  resets: string[];
  /**
   * What must be written back: the version, and only the parts that were migrated or
   * repaired. Parts that were simply absent are not written, so loading never overwrites
   * a part another page saved meanwhile.
   */
  writeBack: Record<string, unknown>;
  /** Stored keys a migration dropped, to remove. */
  removed: string[];
}

/** Reads raw storage into a State: migrates old versions, resets what does not parse. */
export function loadState(
  stored: Record<string, unknown>,
  migrations: Migration[] = MIGRATIONS,
  currentVersion = STATE_VERSION,
): LoadedState {
  const defaults = defaultState();
  const resets: string[] = [];
  let record = { ...stored };
  const rawVersion = record[VERSION_KEY];
  let version = typeof rawVersion === 'number' && Number.isInteger(rawVersion) ? rawVersion : 0;
  const migrating = version !== currentVersion;
  if (version > currentVersion) {
    resets.push(
      `stored state is version ${version}, newer than this extension (${currentVersion}); unreadable parts reset`,
    );
    version = currentVersion;
  }
  for (; version < currentVersion; version++) {
    const step = migrations[version];
    if (!step) {
      resets.push(`no migration from version ${version}; unreadable parts reset`);
      break;
    }
    try {
      record = step(record);
    } catch (error) {
      resets.push(`migration from version ${version} failed (${error instanceof Error ? error.name : 'error'})`);
      break;
    }
  }
  const state = { ...defaults } as Record<PartName, unknown>;
  const writeBack: Record<string, unknown> = migrating ? { [VERSION_KEY]: currentVersion } : {};
  for (const name of PART_NAMES) {
    if (!(name in record) || record[name] === undefined) continue;
    const parsed = PARTS[name].safeParse(record[name]);
    if (parsed.success) {
      state[name] = parsed.data;
      if (migrating && record[name] !== stored[name]) writeBack[name] = parsed.data;
    } else {
      resets.push(`${name} was unreadable and was reset`);
      writeBack[name] = defaults[name];
    }
  }
  const removed = migrating ? Object.keys(stored).filter((key) => key !== VERSION_KEY && !(key in record)) : [];
  return { state: state as State, resets, writeBack, removed };
}
