import { render } from 'preact';
import { loadState } from '@/lib/state';
import { Options } from './Options';
import './style.css';

void browser.storage.local.get(['settings', 'token']).then((stored) => {
  const { state } = loadState({ ...stored, stateVersion: 1 });
  render(<Options initialSettings={state.settings} hasToken={Boolean(state.token)} />, document.getElementById('app')!);
});
