import { useEffect } from 'preact/hooks';
import { AlarmQueue } from './alarms/alarm-queue';
import { AssetPage } from './assets/asset-page';
import { BoardPage } from './board/board-page';
import { startAlarmQueue } from './data/alarm-queue';
import { startAssetData } from './data/assets-data';
import { startLiveFeed } from './live/live-feed';
import { RiskMap } from './map/risk-map';
import { RiskListPage } from './risk-list/risk-list-page';
import { LoginPage } from './session/login-page';
import { sessionStore } from './session/session';
import { useShortcuts } from './ui/shortcuts';
import { useStore } from './ui/store';
import { TopBar } from './ui/top-bar';
import { useRoute } from './ui/router';
import { wallModeStore } from './ui/wall-mode';

/** The signed-in console: data and the live feed run for as long as the session does. */
function Console() {
  const route = useRoute();
  const wall = useStore(wallModeStore);
  useShortcuts();
  useEffect(() => {
    const stops = [startAssetData(), startAlarmQueue(), startLiveFeed()];
    return () => stops.forEach((stop) => stop());
  }, []);
  // Wall mode scales the root font size, so every rem-sized part of the console grows with it.
  useEffect(() => {
    document.documentElement.classList.toggle('wall', wall);
  }, [wall]);

  return (
    <div class={`console${wall ? ' wall' : ''}`}>
      <TopBar />
      <main id="main">
        {route.name === 'map' && (
          <div class="map-screen">
            <RiskMap focus={route.focus} />
            <AlarmQueue compact />
          </div>
        )}
        {route.name === 'board' && <BoardPage />}
        {route.name === 'alarms' && <AlarmQueue />}
        {route.name === 'risk-list' && <RiskListPage />}
        {route.name === 'asset' && <AssetPage key={route.id} id={route.id} />}
        {route.name === 'not-found' && <p class="status-line">404</p>}
      </main>
    </div>
  );
}

export function App() {
  const session = useStore(sessionStore);
  return session.state === 'signed-in' ? <Console /> : <LoginPage />;
}
