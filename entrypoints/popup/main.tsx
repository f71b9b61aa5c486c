import { render } from 'preact';
import { App } from './App';
import { loadPopupState } from './popup-state';
import './style.css';

// Paint from the stored snapshot first; the background refreshes behind.
void loadPopupState().then((initial) => render(<App initial={initial} />, document.getElementById('app')!));
