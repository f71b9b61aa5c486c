/**
 * The keyboard commands the manifest declares (wxt.config.ts) and the background answers. The
 * browser's own `_execute_action` opens the popup; the others are ours.
 */
export const COMMAND = {
  /** Opens the most urgent pending approval in OpenTrain (lib/most-urgent.ts). */
  openMostUrgent: 'open-most-urgent',
} as const;
export type CommandName = (typeof COMMAND)[keyof typeof COMMAND];
