/**
 * Every sentence the background itself says, in one place, so the locale catalogue can take
 * them over in one move. (The badge, notification and problem sentences live in lib/.)
 */
import type { ProblemText } from '@/lib/messages';

export const notAnApprovalLink = (origin: string) =>
  `That is not an approval link on ${origin}. Paste a link like ${origin}/approvals/… from the agent’s message.`;

export const notAnApprovalId = () => 'Not an approval id.';

export const addTokenFirst = () => 'Add your OpenTrain API token in Options first.';

export const invalidApprovalPage = (): ProblemText => ({
  title: 'This page’s address does not hold a valid approval id.',
  action: 'Open the approval from the link the agent shared.',
});

export const notConnected = (): ProblemText => ({
  title: 'The OpenTrain Approvals Companion is not connected.',
  action: 'Open the extension’s Options and add your OpenTrain API token.',
});

/** The settings name another URL than the one the token was saved for: nothing is sent anywhere. */
export const originChanged = (): ProblemText => ({
  title: 'The OpenTrain URL changed, so the saved token is not sent anywhere.',
  action: 'Open the extension’s Options and save the token again for the new URL.',
});

/** The browser refused to store the latest list (its storage for the extension is full, most often). */
export const listNotSaved = (): ProblemText => ({
  title:
    'The latest list of approvals could not be saved in the browser’s storage, so what is shown may be out of date.',
  action:
    'Open OpenTrain to see what is waiting. The extension tries again at every check; if this lasts, restart the browser.',
});

/** The toolbar title for a problem of the extension's own (the badge sentences live in lib/badge.ts). */
export const badgeTitle = ({ title, action }: ProblemText) => `OpenTrain approvals: ${title} ${action}`;

export const loadingApproval = (): ProblemText => ({ title: 'Loading this approval…', action: '' });

export const testNotification = () => ({
  title: 'Notifications work',
  message: 'This is how a new OpenTrain approval will reach you.',
});

/** To a sender that may not ask what it asked: a message for pages, a problem for the panel. */
export const refused = (): { message: string; problem: ProblemText } => ({
  message: 'Refused: this sender may not ask that.',
  problem: {
    title: 'This page is not on the OpenTrain URL set in the extension’s Options, so it is not annotated.',
    action: 'If this is your OpenTrain, set its address in the extension’s Options.',
  },
});
