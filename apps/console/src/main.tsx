import { render } from 'preact';
import { App } from './app';
import { langStore } from './i18n/i18n';
import { unlockAudioOnFirstGesture } from './live/beep';
import { restoreSession } from './session/session';
import { applyLevelColours } from './ui/levels';
import './styles/base.css';
import './styles/console.css';
import './styles/queue.css';
import './styles/map.css';
import './styles/board.css';
import './styles/asset-page.css';

document.documentElement.lang = langStore.get();
applyLevelColours(document.documentElement);
unlockAudioOnFirstGesture();
const root = document.getElementById('app')!;
void restoreSession().finally(() => render(<App />, root));
