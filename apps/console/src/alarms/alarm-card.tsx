import { useMemo } from 'preact/hooks';
import type { AssetFeature } from '../api/types';
import { useT } from '../i18n/i18n';
import { kindLabel } from '../ui/kind-label';
import { LevelBadge } from '../ui/level-badge';
import { Link } from '../ui/link';
import { assetPath, mapFocusPath } from '../ui/router';
import { metricUnit } from '../assets/metric-units';
import type { ConsoleAction } from './alarm-actions';
import { ageText, formatValue } from './alarm-age';
import type { AlarmItem } from './alarm-model';

export interface AlarmCardProps {
  alarm: AlarmItem;
  asset: AssetFeature | undefined;
  actions: readonly ConsoleAction[];
  fresh: boolean;
  now: number;
  onAction: (alarm: AlarmItem, action: ConsoleAction) => void;
}

/** One alarm in the queue: level, state and flags, where, what was measured, how long ago, and its actions. */
export function AlarmCard(props: AlarmCardProps) {
  const t = useT();
  const { alarm, asset, now } = props;
  const overdue = alarm.overdueAt !== null && now > alarm.overdueAt;
  const unit = useMemo(
    () => (alarm.metric ? metricUnit(alarm.domain, alarm.metric) : undefined),
    [alarm.domain, alarm.metric],
  );
  return (
    <article
      class={`alarm-card level-${alarm.level}${props.fresh ? ' fresh' : ''}${alarm.shelved ? ' shelved' : ''}`}
      tabIndex={0}
      data-alarm-id={alarm.id}
      data-level={alarm.level}
      data-testid="alarm-card"
      aria-label={`${t(`alarmLevel.${alarm.level}`)} ${asset?.properties.name ?? alarm.assetId}`}
    >
      <header>
        <LevelBadge level={alarm.level} kind="alarm" />
        <span class="state">{t(`state.${alarm.state}`)}</span>
        {props.fresh && <span class="flag new">{t('queue.new')}</span>}
        {overdue && <span class="flag overdue">{t('queue.overdue')}</span>}
        {alarm.shelved && <span class="flag">{t('queue.shelved')}</span>}
        <span class={`flag ${alarm.acknowledged ? 'acked' : 'unacked'}`} data-testid="ack-flag">
          {alarm.acknowledged ? t('queue.acknowledged') : t('queue.unacknowledged')}
        </span>
        <time class="age" dateTime={new Date(alarm.raisedAt).toISOString()}>
          {ageText(alarm.raisedAt, now, t)}
        </time>
      </header>
      <div class="where">
        <Link href={assetPath(alarm.assetId)} class="asset-name">
          {asset?.properties.name ?? alarm.assetId}
        </Link>
        <span class="muted">
          {t(`domain.${alarm.domain}`)} · {asset ? kindLabel(asset.properties.kind, t) : ''} ·{' '}
          <span class="mono">{alarm.assetId}</span>
        </span>
      </div>
      {alarm.metric && (
        <div class="reading mono">
          {t('queue.value', {
            metric: alarm.metric,
            value: formatValue(alarm.value, unit),
            threshold: formatValue(alarm.threshold, unit),
          })}
        </div>
      )}
      <div class="actions">
        {props.actions.map((action) => (
          <button
            key={action}
            type="button"
            class={`action action-${action}`}
            data-action={action}
            onClick={() => props.onAction(alarm, action)}
          >
            {t(`action.${action}`)}
          </button>
        ))}
        <Link href={mapFocusPath(alarm.assetId)} class="locate">
          {t('queue.locate')}
        </Link>
      </div>
    </article>
  );
}
