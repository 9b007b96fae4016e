import { useT } from '../i18n/i18n';
import { mutedStore, setMuted } from '../live/beep';
import { streamStatusStore } from '../live/live-feed';
import { sessionStore, signOut } from '../session/session';
import { LanguageSwitch } from './language-switch';
import { SoundIcon } from './sound-icon';
import { Link } from './link';
import { useRoute, type Route } from './router';
import { useStore } from './store';
import { useNow } from './use-now';
import { setWallMode, wallModeStore } from './wall-mode';

/** The screens in the navigation, in order (keys 1–4 switch to them). */
export const SCREENS = [
  { href: '/', route: 'map', label: 'nav.map' },
  { href: '/board', route: 'board', label: 'nav.board' },
  { href: '/alarms', route: 'alarms', label: 'nav.alarms' },
  { href: '/risk-list', route: 'risk-list', label: 'nav.riskList' },
] as const satisfies readonly { href: string; route: Route['name']; label: string }[];

function LiveIndicator() {
  const t = useT();
  const status = useStore(streamStatusStore);
  const label =
    status === 'live'
      ? t('live.connected')
      : status === 'connecting'
        ? t('live.connecting')
        : t('live.reconnecting');
  return (
    <span class={`live-indicator ${status}`} role="status" aria-live="polite" data-testid="live-status">
      <span class="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function Clock() {
  const now = useNow(1000);
  return <time class="clock mono">{new Date(now).toLocaleTimeString('zh-CN', { hour12: false })}</time>;
}

/** Title, screens, live status, clock, sound, wall mode, language and the signed-in role. */
export function TopBar() {
  const t = useT();
  const route = useRoute();
  const muted = useStore(mutedStore);
  const wall = useStore(wallModeStore);
  const session = useStore(sessionStore);
  return (
    <header class="top-bar">
      <div class="brand">
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <span class="title">{t('app.title')}</span>
        <span class="subtitle">{t('app.subtitle')}</span>
      </div>
      <nav aria-label={t('nav.main')}>
        {SCREENS.map((s) => (
          <Link key={s.href} href={s.href} aria-current={route.name === s.route ? 'page' : undefined}>
            {t(s.label)}
          </Link>
        ))}
      </nav>
      <div class="tools">
        <LiveIndicator />
        <Clock />
        <button
          type="button"
          class="ghost icon"
          aria-pressed={muted}
          onClick={() => setMuted(!muted)}
          title={muted ? t('live.unmute') : t('live.mute')}
          data-testid="mute"
        >
          <SoundIcon muted={muted} />
          <span class="sr-only">{muted ? t('live.unmute') : t('live.mute')}</span>
        </button>
        <button type="button" class="ghost" aria-pressed={wall} onClick={() => setWallMode(!wall)}>
          {t('live.wall')}
        </button>
        <LanguageSwitch />
        {session.state === 'signed-in' && (
          <span class="role-badge" title={session.me.actor}>
            {t(`role.${session.me.role}`)}
          </span>
        )}
        <button type="button" class="ghost" onClick={signOut}>
          {t('session.logout')}
        </button>
      </div>
    </header>
  );
}
