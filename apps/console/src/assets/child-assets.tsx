import { assetsStore, marksStore } from '../data/assets-data';
import { useT } from '../i18n/i18n';
import { kindLabel } from '../ui/kind-label';
import { LevelBadge } from '../ui/level-badge';
import { Link } from '../ui/link';
import { assetPath } from '../ui/router';
import { useStore } from '../ui/store';

/** The assets registered under this one (the manholes beside a gas main, a tunnel's sections), with levels. */
export function ChildAssets(props: { parentId: string }) {
  const t = useT();
  const assets = useStore(assetsStore);
  const marks = useStore(marksStore);
  if (assets.state !== 'ready') return null;
  const children = assets.value.features.filter((f) => f.properties.parentId === props.parentId);
  if (children.length === 0) return null;
  return (
    <section class="card" aria-labelledby="children-title">
      <h2 id="children-title">{t('asset.children')}</h2>
      <ul class="child-assets">
        {children.map((c) => {
          const mark = marks.get(c.id);
          return (
            <li key={c.id}>
              <Link href={assetPath(c.id)}>{c.properties.name}</Link>
              <span class="muted"> {kindLabel(c.properties.kind, t)}</span>
              <LevelBadge level={mark?.level ?? null} verified={mark?.verified ?? true} short />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
