import type { DeviceView, RiskMark } from '../api/types';
import { assetsStore } from '../data/assets-data';
import { formatTime, useT } from '../i18n/i18n';
import { LevelBadge } from '../ui/level-badge';
import { Link } from '../ui/link';
import { assetPath } from '../ui/router';
import { useStore } from '../ui/store';

/** Shown rows of the board's lists: what fits a wall screen without scrolling. */
export const LIST_ROWS = 10;

/** The assets whose grade changed last: the dynamic 四色图 moving. */
export function RecentChanges(props: { changes: readonly [string, RiskMark][] }) {
  const t = useT();
  const assets = useStore(assetsStore);
  const name = (id: string) =>
    (assets.state === 'ready' ? assets.value.byId.get(id)?.properties.name : undefined) ?? id;
  if (props.changes.length === 0) return <p class="muted">{t('board.noData')}</p>;
  return (
    <table class="data-table">
      <tbody>
        {props.changes.map(([id, mark]) => (
          <tr key={id}>
            <td class="mono">{formatTime(mark.since)}</td>
            <td class="wrap">
              <Link href={assetPath(id)}>{name(id)}</Link>
            </td>
            <td>
              <LevelBadge level={mark.level} verified={mark.verified} short />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Devices not reporting, longest silent first (DOMAIN.md §a.7 offline rule). */
export function OfflineDevices(props: { devices: readonly DeviceView[] }) {
  const t = useT();
  if (props.devices.length === 0) return <p class="muted">{t('board.allOnline')}</p>;
  return (
    <table class="data-table">
      <tbody>
        {props.devices.slice(0, LIST_ROWS).map((d) => (
          <tr key={d.id}>
            <td class="mono">{d.id}</td>
            <td class="wrap">
              <Link href={assetPath(d.assetId)}>{d.assetId}</Link>
            </td>
            <td class="mono">{d.lastSeenAt ? formatTime(d.lastSeenAt) : t('device.never')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
