import { render } from 'preact';
import { i18n } from '#i18n';
import { localizeDocument } from '@/components/locale';
import { loadState, STATE_VERSION, VERSION_KEY } from '@/lib/state';
import { Options } from './Options';
import './style.css';

localizeDocument(i18n.t('options.pageTitle'));

void browser.storage.local.get(['settings', 'token']).then((stored) => {
  // The background migrates stored state; pages only read it as the current version.
  const { state } = loadState({ ...stored, [VERSION_KEY]: STATE_VERSION });
  render(<Options initialSettings={state.settings} hasToken={Boolean(state.token)} />, document.getElementById('app')!);
});
