import { defineConfig } from 'wxt';
import { moduleSizes } from './bench/module-sizes-plugin';
import { COMMAND } from './lib/commands';

const LOOPBACK = ['http://127.0.0.1', 'http://localhost'];

/** The production origin: the only host the store builds ask for. */
const PRODUCTION_ORIGIN = 'https://app.opentrain.ai';

/**
 * The keyboard shortcuts (README, Keyboard). Suggested keys must hold Ctrl or Alt, never both (Chrome),
 * at most four in all; Chrome keeps Alt+Shift+A, B, I, P, R, T and W for itself (its own take precedence), and none of these is Firefox's. On a
 * Mac, Option+Shift types characters, so there they are Control+Shift (MacCtrl).
 */
const COMMANDS = {
  _execute_action: {
    suggested_key: { default: 'Alt+Shift+U', mac: 'MacCtrl+Shift+U' },
    description: '__MSG_commands_openPopup__',
  },
  [COMMAND.openMostUrgent]: {
    suggested_key: { default: 'Alt+Shift+O', mac: 'MacCtrl+Shift+O' },
    description: '__MSG_commands_openMostUrgent__',
  },
};

/**
 * Two build flavours:
 * - production (`wxt build`): only the OpenTrain origin; any other origin is an
 *   optional permission the reviewer grants from the options page.
 * - e2e (`wxt build --mode e2e`, `.output/chrome-mv3-e2e`; with `-b firefox --mv3`,
 *   `.output/firefox-mv3-e2e`): also grants the loopback
 *   hosts the sandbox listens on, so tests and the demo need no permission prompt, and
 *   can preset the OpenTrain URL and token (OT_PRESET_ORIGIN / OT_PRESET_TOKEN).
 */
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // `npm run demo` builds its preset flavour apart, so it never leaks into test builds.
  outDirTemplate: process.env.OT_DEMO_BUILD ? '{{browser}}-mv{{manifestVersion}}-demo' : undefined,
  // The sources AMO asks for: the project, less local output that git ignores anyway.
  zip: { excludeSources: ['demo-output/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
  vite: ({ mode }) => ({
    plugins: process.env.OT_BENCH_STATS ? [moduleSizes(process.env.OT_BENCH_STATS)] : [],
    define: {
      __OT_REQUEST_TIMEOUT_MS__: String(mode === 'e2e' ? Number(process.env.OT_E2E_TIMEOUT_MS ?? 3000) : 30_000),
      __OT_PRESET__: JSON.stringify(
        mode === 'e2e'
          ? { origin: process.env.OT_PRESET_ORIGIN ?? null, token: process.env.OT_PRESET_TOKEN ?? null }
          : { origin: null, token: null },
      ),
    },
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      // WXT takes the toolbar title from the popup's <title>; the catalogue's wins.
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
      // The e2e flavour also puts the approvals panel on the sandbox's pages.
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...LOOPBACK.map((host) => `${host}/approvals/*`)];
      }
    },
  },
  manifest: ({ browser, mode }) => {
    const loopback = mode === 'e2e' ? LOOPBACK.map((host) => `${host}/*`) : [];
    return {
      default_locale: 'en',
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      permissions: ['storage', 'alarms', 'notifications', ...(mode === 'e2e' ? ['scripting'] : [])],
      host_permissions: [`${PRODUCTION_ORIGIN}/*`, ...loopback],
      optional_permissions: mode === 'e2e' ? [] : ['scripting'],
      optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
      commands: COMMANDS,
      ...(browser === 'firefox' && {
        browser_specific_settings: {
          gecko: {
            id: 'approvals-companion@opentrain.ai',
            strict_min_version: '142.0',
            data_collection_permissions: { required: ['none'] },
          },
        },
      }),
    };
  },
});
