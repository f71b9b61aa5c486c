/**
 * First run: installed (not updated), the extension opens its Options page, whose welcome says how
 * to connect an OpenTrain account (entrypoints/options/Welcome.tsx). Not when a token is there
 * already: test and demo builds preset one.
 */
import type { Ports } from './ports';
import type { StateMirror } from './state-mirror';

export function createFirstRun(mirror: StateMirror, ports: Pick<Ports, 'tabs'>) {
  /** `reason` is runtime.onInstalled's: install, update, browser_update, shared_module_update. */
  return async function onInstalled(reason: string): Promise<void> {
    if (reason !== 'install' || mirror.state.credential) return;
    await ports.tabs.openOptionsInNewTab();
  };
}
