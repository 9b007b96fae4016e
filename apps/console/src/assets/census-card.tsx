import type { AssetView } from '../api/types';
import { useT, type MessageKey, type Translate } from '../i18n/i18n';
import { zhCN } from '../i18n/zh-CN';
import { kindLabel } from '../ui/kind-label';

const known = (key: string): key is MessageKey => key in zhCN;

/** A census value for display: lists joined, booleans as yes/no, codes translated (field-specific first). */
function display(field: string, value: unknown, t: Translate): string {
  if (Array.isArray(value)) return value.map((v) => display(field, v, t)).join('、');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') {
    const specific = `value.${field}.${value}`;
    const generic = `value.${value}`;
    return known(specific) ? t(specific) : known(generic) ? t(generic) : value;
  }
  if (value === null || value === undefined) return t('common.none');
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** The census record (建档立卡): registry fields and every attribute, known ones with translated names. */
export function CensusCard(props: { asset: AssetView }) {
  const t = useT();
  const a = props.asset;
  const label = (field: string) => {
    const key = `census.${field}`;
    return known(key) ? t(key) : field;
  };
  const rows: [string, string][] = [
    [t('map.owner'), a.ownerUnitId],
    [t('map.kind'), kindLabel(a.kind, t)],
    ...(a.lengthM !== null ? [[label('length_m'), `${Math.round(a.lengthM)} m`] as [string, string]] : []),
    ...(a.parentId ? [[label('parent_id'), a.parentId] as [string, string]] : []),
    ...Object.entries(a.attributes).map(([k, v]): [string, string] => [label(k), display(k, v, t)]),
  ];
  return (
    <section class="card census-card" aria-labelledby="census-title">
      <h2 id="census-title">{t('asset.census')}</h2>
      <dl class="facts">
        {rows.map(([term, value]) => (
          <div key={term} class="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
