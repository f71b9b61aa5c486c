/**
 * What the background's jobs need from the browser and the world, as small ports. index.ts
 * passes the real ones (thin adapters beside it); the unit tests pass fakes.
 */
import type { ApiConfig } from '@/lib/api/request';
import type { Badge } from '@/lib/badge';
import type { NotificationSpec } from '@/lib/notifications';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import type { Translate } from '@/lib/i18n';
import type { StorageAreaLike } from '@/lib/store';

export const ALARM_POLL = 'poll';
export const ALARM_TICK = 'tick';

export interface AlarmsPort {
  /** A one-shot alarm at `when` (ms since the epoch), replacing one of the same name. */
  create(name: string, when: number): Promise<void>;
  clear(name: string): Promise<void>;
  exists(name: string): Promise<boolean>;
}

export interface NotifierPort {
  show(spec: NotificationSpec): Promise<void>;
  clear(id: string): Promise<void>;
}

export interface BadgePort {
  set(badge: Badge): Promise<void>;
}

export interface TabsPort {
  /** Opens (or focuses) an approval's page on the origin. */
  openApproval(origin: string, approvalId: string): Promise<void>;
  /** Opens (or focuses) the extension's Options page. */
  openOptions(): Promise<void>;
  /** Opens the Options page in a tab of its own, never in one the user has open (the first run). */
  openOptionsInNewTab(): Promise<void>;
}

export interface ContentScriptPort {
  /** Puts the approvals panel on the origin's pages, if the reviewer granted it. */
  sync(origin: string): Promise<void>;
}

export interface StoragePort extends StorageAreaLike {
  /** Who may use this storage area (Chrome 102+; Firefox has none). */
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void>;
}

export interface Ports {
  storage: StoragePort;
  alarms: AlarmsPort;
  notifier: NotifierPort;
  badge: BadgePort;
  tabs: TabsPort;
  contentScript: ContentScriptPort;
  /** The OpenTrain API for a token and origin. */
  api(config: ApiConfig): OpenTrainApi;
  /** The clock, in ms since the epoch. */
  now(): number;
  /** The reviewer's time zone now (it changes when they travel), for quiet hours. */
  timeZone(): string;
  /** A number in [0, 1), for the poll's jitter. */
  random(): number;
  /** The typed `i18n.t`: every sentence the background shows or sends comes through it. */
  t: Translate;
  /** The locale Intl formats money, dates and times in (the UI language). */
  locale: string;
}

/** What the build and the browser fix once per worker. */
export interface BackgroundConfig {
  /** The shortest poll interval this browser's alarms allow. */
  minIntervalSec: number;
  requestTimeoutMs: number;
  /** Test and demo builds can preset the URL and token. */
  preset: { origin: string | null; token: string | null } | null;
  /** Who may send messages: this extension's id and the base URL of its pages. */
  extensionId: string;
  extensionBaseUrl: string;
}
