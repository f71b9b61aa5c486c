/**
 * The background over fake ports: storage in memory, alarms that are fired by hand, a clock that
 * moves only when told, notifications, badge, tabs and content-script registration recorded,
 * and OpenTrain in memory (one per origin). A new worker over the same harness is a restarted
 * service worker: storage, alarms and notifications outlive it.
 */
import { createBackground, type Background } from '@/entrypoints/background/background';
import { i18n } from '#i18n';
import { ALARM_POLL, type BackgroundConfig, type Ports } from '@/entrypoints/background/ports';
import type { Badge } from '@/lib/badge';
import type { NotificationSpec } from '@/lib/notifications';
import { unpackJson } from '@/lib/packed';
import { defaultSettings, type State } from '@/lib/state';
import { FakeOpenTrain, GOOD_TOKEN } from './fake-opentrain';

export const NOW = Date.parse('2026-11-22T10:00:00Z');
export const ORIGIN = 'https://app.opentrain.ai';
export const EXTENSION_ID = 'abcdefghijklmnop';
export const EXTENSION_BASE = `chrome-extension://${EXTENSION_ID}/`;

export const fromPopup = { id: EXTENSION_ID, url: `${EXTENSION_BASE}popup.html` };
export const fromPanelOn = (url: string) => ({ id: EXTENSION_ID, url, tab: {} });

/** As Chrome counts storage.local: each key and its value as JSON, in UTF-8 bytes. */
export function bytesInUse(items: ReadonlyMap<string, unknown>): number {
  let bytes = 0;
  for (const [key, value] of items) bytes += Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
  return bytes;
}

export class FakeStorage {
  items = new Map<string, unknown>();
  /** Every call, in order: `get`, `set`, `setAccessLevel TRUSTED_CONTEXTS`. */
  operations: string[] = [];
  /** Chrome's QUOTA_BYTES, when a test sets one: a write that would exceed it is refused whole. */
  quotaBytes: number | null = null;
  /** Who may use the area, as Chrome's storage.local.setAccessLevel sets it (null: never set). */
  accessLevel: string | null = null;
  async setAccessLevel({ accessLevel }: { accessLevel: string }): Promise<void> {
    this.operations.push(`setAccessLevel ${accessLevel}`);
    this.accessLevel = accessLevel;
  }
  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    this.operations.push('get');
    const wanted = keys == null ? [...this.items.keys()] : typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(
      wanted.filter((k) => this.items.has(k)).map((k) => [k, structuredClone(this.items.get(k))]),
    );
  }
  async set(items: Record<string, unknown>): Promise<void> {
    this.operations.push('set');
    if (this.quotaBytes != null && bytesInUse(new Map([...this.items, ...Object.entries(items)])) > this.quotaBytes) {
      throw new Error('QUOTA_BYTES quota exceeded');
    }
    for (const [key, value] of Object.entries(items)) this.items.set(key, structuredClone(value));
  }
  async remove(keys: string[]): Promise<void> {
    this.operations.push('remove');
    for (const key of keys) this.items.delete(key);
  }
  /** A part as stored (the contexts are stored packed: read them with `contexts()`). */
  part<K extends Exclude<keyof State, 'contexts'>>(key: K): State[K] {
    return this.items.get(key) as State[K];
  }
  async contexts(): Promise<State['contexts']> {
    return (await unpackJson(this.items.get('contexts') as string)) as State['contexts'];
  }
}

export class FakeAlarms {
  armed = new Map<string, number>();
  async create(name: string, when: number) {
    this.armed.set(name, when);
  }
  async clear(name: string) {
    this.armed.delete(name);
  }
  async exists(name: string) {
    return this.armed.has(name);
  }
}

export class FakeNotifier {
  /** On screen now. */
  shown = new Map<string, NotificationSpec>();
  /** Every one ever shown, in order. */
  history: NotificationSpec[] = [];
  cleared: string[] = [];
  async show(spec: NotificationSpec) {
    this.shown.set(spec.id, spec);
    this.history.push(spec);
  }
  async clear(id: string) {
    this.shown.delete(id);
    this.cleared.push(id);
  }
}

export class Harness {
  now = NOW;
  /** The reviewer's time zone (a test moves it to travel). */
  timeZone = 'UTC';
  random = 0;
  storage = new FakeStorage();
  alarms = new FakeAlarms();
  notifier = new FakeNotifier();
  /** Every badge painted, in order. */
  badges: Badge[] = [];
  openedTabs: string[] = [];
  /** How many times the Options page was opened (or brought forward), and how many in a new tab. */
  openedOptions = 0;
  openedOptionsInNewTab = 0;
  contentScriptSyncs: string[] = [];
  /** OpenTrain per origin; the configured one is `api`. */
  servers = new Map<string, FakeOpenTrain>([[ORIGIN, new FakeOpenTrain()]]);
  config: BackgroundConfig = {
    minIntervalSec: 30,
    requestTimeoutMs: 30_000,
    preset: null,
    extensionId: EXTENSION_ID,
    extensionBaseUrl: EXTENSION_BASE,
  };

  get badge(): Badge | undefined {
    return this.badges.at(-1);
  }

  get api(): FakeOpenTrain {
    return this.servers.get(ORIGIN)!;
  }

  ports(): Ports {
    return {
      storage: this.storage,
      alarms: this.alarms,
      notifier: this.notifier,
      badge: {
        set: async (badge) => {
          this.badges.push(badge);
        },
      },
      tabs: {
        openApproval: async (origin, approvalId) => {
          this.openedTabs.push(`${origin}/approvals/${approvalId}`);
        },
        openOptions: async () => {
          this.openedOptions++;
        },
        openOptionsInNewTab: async () => {
          this.openedOptionsInNewTab++;
        },
      },
      contentScript: {
        sync: async (origin) => {
          this.contentScriptSyncs.push(origin);
        },
      },
      api: (config) => {
        const server = this.servers.get(config.origin);
        if (!server) throw new Error(`no fake OpenTrain at ${config.origin}`);
        return server.connect(config);
      },
      now: () => this.now,
      timeZone: () => this.timeZone,
      random: () => this.random,
      t: i18n.t,
      locale: 'en',
    };
  }

  /**
   * Stores settings and the token as the options page does: the credential for the settings' URL
   * (and the token key the popup still reads). Returns the keys written, for onSettingsChanged.
   */
  async configure(token: string | null = GOOD_TOKEN, settings: Partial<State['settings']> = {}): Promise<string[]> {
    const saved = { ...defaultSettings(ORIGIN), ...settings };
    const items = { settings: saved, credential: token ? { origin: saved.origin, token } : null, token };
    await this.storage.set(items);
    return Object.keys(items);
  }

  /** A service worker over these ports: a second one is a restart. */
  worker(): Background {
    return createBackground(this.ports(), this.config);
  }

  /** A worker, started (its first poll, if one is due, done). */
  async started(): Promise<Background> {
    const background = this.worker();
    await background.start();
    return background;
  }

  /** The clock moves to the alarm, which fires (one-shot: it is gone) at the worker. */
  async fire(background: Background, name: string = ALARM_POLL) {
    const when = this.alarms.armed.get(name);
    if (when === undefined) throw new Error(`alarm ${name} is not armed`);
    this.now = Math.max(this.now, when);
    this.alarms.armed.delete(name);
    await background.onAlarm(name);
  }

  /** When the alarm fires, from now. */
  inMs(name: string = ALARM_POLL): number | undefined {
    const when = this.alarms.armed.get(name);
    return when === undefined ? undefined : when - this.now;
  }

  shownIds(): string[] {
    return this.notifier.history.map((spec) => spec.id);
  }
}
