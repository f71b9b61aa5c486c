import { render } from 'preact';
import { i18n } from '#i18n';
import { localizeDocument } from '@/components/locale';
import { readParts } from '@/lib/store';
import { Options } from './Options';
import './style.css';

localizeDocument(i18n.t('options.pageTitle'));

void readParts(browser.storage.local, ['settings', 'token']).then((state) => {
  render(<Options initialSettings={state.settings} hasToken={Boolean(state.token)} />, document.getElementById('app')!);
});
