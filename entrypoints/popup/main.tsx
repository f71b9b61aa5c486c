import { render } from 'preact';
import { i18n } from '#i18n';
import { localizeDocument } from '@/components/locale';
import { App } from './App';
import { loadPopupState } from './popup-state';
import './style.css';

// Marks for `npm run bench`, which reports where the popup's first paint goes.
performance.mark('ot:script');
localizeDocument(i18n.t('popup.pageTitle'));
// Paint from the stored snapshot first; the background refreshes behind.
void loadPopupState().then((initial) => {
  performance.mark('ot:state-read');
  render(<App initial={initial} />, document.getElementById('app')!);
  performance.mark('ot:rendered');
});
