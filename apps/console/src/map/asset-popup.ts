import type { AssetFeature, RiskMark } from '../api/types';
import type { Translate } from '../i18n/i18n';
import { kindLabel } from '../ui/kind-label';
import { assetPath, navigate } from '../ui/router';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The popup of a clicked asset, built as DOM with textContent (asset names come from imports: never
 * parsed as HTML). The link opens the asset page inside the console.
 */
export function assetPopup(feature: AssetFeature, mark: RiskMark | undefined, t: Translate): HTMLElement {
  const p = feature.properties;
  const root = el('div', 'asset-popup');
  root.append(el('h3', '', p.name), el('div', 'muted mono', p.id));
  const level = el(
    'div',
    `level-chip level-${mark?.level ?? 'none'}${mark && !mark.verified ? ' unverified' : ''}`,
  );
  level.textContent = mark ? t(`level.${mark.level}`) : t('level.none');
  if (mark && !mark.verified) level.title = t('level.unverifiedHint');
  root.append(level);
  const facts = el('dl', 'facts');
  const fact = (term: string, value: string) => facts.append(el('dt', '', term), el('dd', '', value));
  fact(t('map.domain'), t(`domain.${p.domain}`));
  fact(t('map.kind'), kindLabel(p.kind, t));
  fact(t('map.district'), p.district);
  fact(t('map.owner'), p.ownerUnitId);
  if (mark && !mark.verified) fact(t('level.unverified'), t('level.unverifiedHint'));
  root.append(facts);
  const link = el('a', 'button primary', t('map.details'));
  link.href = assetPath(p.id);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(assetPath(p.id));
  });
  root.append(link);
  return root;
}
