import { useState } from 'preact/hooks';
import type { AssetFeature } from '../api/types';
import { alarmsLoadStore, alarmsStore, freshAlarmsStore, markSeen } from '../data/alarm-queue';
import { assetsStore } from '../data/assets-data';
import { useT } from '../i18n/i18n';
import { sessionStore } from '../session/session';
import { AsyncView } from '../ui/async-view';
import { assetPath, navigate } from '../ui/router';
import { useStore } from '../ui/store';
import { useNow } from '../ui/use-now';
import { availableActions, type ConsoleAction } from './alarm-actions';
import { AlarmCard } from './alarm-card';
import { sortQueue, type AlarmItem } from './alarm-model';
import { ActionDialog, type PendingAction } from './action-dialog';

/** Arrow keys move between alarms; Enter opens the asset; `a` acknowledges. */
function onQueueKey(
  event: KeyboardEvent,
  ordered: readonly AlarmItem[],
  act: (a: AlarmItem, x: ConsoleAction) => void,
  can: (a: AlarmItem) => readonly ConsoleAction[],
): void {
  const card = (event.target as HTMLElement).closest<HTMLElement>('[data-alarm-id]');
  if (!card || event.target !== card) return;
  const index = ordered.findIndex((a) => a.id === card.dataset.alarmId);
  const alarm = ordered[index];
  if (!alarm) return;
  const move = (delta: number) => {
    const cards = (event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[data-alarm-id]');
    cards[index + delta]?.focus();
  };
  if (event.key === 'ArrowDown') move(1);
  else if (event.key === 'ArrowUp') move(-1);
  else if (event.key === 'Enter') navigate(assetPath(alarm.assetId));
  else if (event.key === 'a' && can(alarm).includes('acknowledge')) act(alarm, 'acknowledge');
  else return;
  event.preventDefault();
}

/** The live alarm queue: open alarms, red first then longest waiting, with the actions the role may take. */
export function AlarmQueue(props: { compact?: boolean }) {
  const t = useT();
  const alarms = useStore(alarmsStore);
  const load = useStore(alarmsLoadStore);
  const fresh = useStore(freshAlarmsStore);
  const assets = useStore(assetsStore);
  const session = useStore(sessionStore);
  const now = useNow(15_000);
  const [pending, setPending] = useState<PendingAction | null>(null);
  if (session.state !== 'signed-in') return null;
  const { role, ownerUnitId } = session.me;
  const byId: ReadonlyMap<string, AssetFeature> = assets.state === 'ready' ? assets.value.byId : new Map();
  const ordered = sortQueue(alarms.values());
  const can = (alarm: AlarmItem) => availableActions(alarm, role, ownerUnitId);
  const act = (alarm: AlarmItem, action: ConsoleAction) => {
    markSeen(alarm.id);
    setPending({ alarm, action, assetName: byId.get(alarm.assetId)?.properties.name ?? alarm.assetId });
  };

  return (
    <section class={`alarm-queue${props.compact ? ' compact' : ''}`} aria-labelledby="queue-title">
      <h2 id="queue-title">
        {t('queue.title')} <span class="count">{t('queue.count', { count: alarms.size })}</span>
      </h2>
      <AsyncView value={load}>
        {() =>
          ordered.length === 0 ? (
            <p class="status-line">{t('queue.empty')}</p>
          ) : (
            <div
              class="queue-list"
              role="list"
              data-testid="alarm-queue"
              onKeyDown={(e) => onQueueKey(e, ordered, act, can)}
            >
              {ordered.map((alarm) => (
                <div role="listitem" key={alarm.id} class="queue-item">
                  <AlarmCard
                    alarm={alarm}
                    asset={byId.get(alarm.assetId)}
                    actions={can(alarm)}
                    fresh={fresh.has(alarm.id)}
                    now={now}
                    onAction={act}
                  />
                </div>
              ))}
            </div>
          )
        }
      </AsyncView>
      {pending && <ActionDialog pending={pending} onClose={() => setPending(null)} />}
    </section>
  );
}
