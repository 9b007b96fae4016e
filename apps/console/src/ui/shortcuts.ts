import { useEffect } from 'preact/hooks';
import { langStore, setLang } from '../i18n/i18n';
import { mutedStore, setMuted } from '../live/beep';
import { navigate } from './router';
import { SCREENS } from './top-bar';
import { setWallMode, wallModeStore } from './wall-mode';

/**
 * Keys for the monitoring room (docs/console.md): 1–4 switch screens, M mutes, W toggles wall mode,
 * L switches the language. Ignored while typing in a field or with a modifier held.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, dialog, [contenteditable="true"]')) return;
      const screen = SCREENS[Number(event.key) - 1];
      if (screen) navigate(screen.href);
      else if (event.key === 'm') setMuted(!mutedStore.get());
      else if (event.key === 'w') setWallMode(!wallModeStore.get());
      else if (event.key === 'l') setLang(langStore.get() === 'en' ? 'zh-CN' : 'en');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
