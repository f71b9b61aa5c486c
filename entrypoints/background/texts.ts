/**
 * Every sentence the background itself says, from the locale catalogue (locales/*.yml). `t` is
 * the typed `i18n.t`, passed in with the ports so that the jobs stay testable without a browser.
 * (The badge, notification and problem sentences are worded in lib/.)
 */
import type { Translate } from '@/lib/i18n';
import type { ProblemText } from '@/lib/messages';

export const notAnApprovalLink = (t: Translate, origin: string) => t('background.notApprovalLink', [origin]);

export const notAnApprovalId = (t: Translate) => t('background.notApprovalId');

export const addTokenFirst = (t: Translate) => t('background.refreshNoToken');

export const invalidApprovalPage = (t: Translate): ProblemText => ({
  title: t('panel.invalidId.title'),
  action: t('panel.invalidId.action'),
});

export const notConnected = (t: Translate): ProblemText => ({
  title: t('panel.notConfigured.title'),
  action: t('panel.notConfigured.action'),
});

/** The settings name another URL than the one the token was saved for: nothing is sent anywhere. */
export const originChanged = (t: Translate): ProblemText => ({
  title: t('background.originChanged.title'),
  action: t('background.originChanged.action'),
});

/** The browser refused to store the latest list (its storage for the extension is full, most often). */
export const listNotSaved = (t: Translate): ProblemText => ({
  title: t('background.listNotSaved.title'),
  action: t('background.listNotSaved.action'),
});

/** The toolbar title for a problem of the extension's own (the badge's other titles are in lib/badge.ts). */
export const badgeTitle = (t: Translate, { title, action }: ProblemText) => t('badge.title', [`${title} ${action}`]);

export const loadingApproval = (t: Translate): ProblemText => ({ title: t('panel.loadingApproval'), action: '' });

/** The "open the most urgent approval" shortcut, when there is none to open. */
export const nothingWaiting = (t: Translate) => ({
  title: t('notification.command.nothingWaiting.title'),
  message: t('notification.command.nothingWaiting.message'),
});

export const notLoaded = (t: Translate) => ({
  title: t('notification.command.notLoaded.title'),
  message: t('notification.command.notLoaded.message'),
});

export const testNotification = (t: Translate) => ({
  title: t('background.testNotification.title'),
  message: t('background.testNotification.message'),
});

/** To a sender that may not ask what it asked: a message for pages, a problem for the panel. */
export const refused = (t: Translate): { message: string; problem: ProblemText } => ({
  message: t('background.refused'),
  problem: { title: t('panel.refused.title'), action: t('panel.refused.action') },
});
