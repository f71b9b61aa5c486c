import { render } from 'preact';
import { readParts } from '@/lib/store';
import { Options } from './Options';
import './style.css';

void readParts(browser.storage.local, ['settings', 'token']).then((state) => {
  render(<Options initialSettings={state.settings} hasToken={Boolean(state.token)} />, document.getElementById('app')!);
});
