/**
 * The one way the popup, options page and content script ask the background: a message typed
 * by the protocol in lib/messages.ts, and its answer typed by the message's type. (The
 * background still parses every message and checks its sender.)
 */
import type { Message, ResponseFor } from '@/lib/messages';

export function send<M extends Message>(message: M): Promise<ResponseFor[M['type']]> {
  return browser.runtime.sendMessage(message) as Promise<ResponseFor[M['type']]>;
}
