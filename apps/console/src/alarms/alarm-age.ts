import type { Translate } from '../i18n/i18n';

/** "12 分钟前" / "2 小时 5 分前" from a start time and now. */
export function ageText(since: number, now: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 60) return t('queue.age', { minutes });
  return t('queue.ageHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** A reading with its catalog unit, e.g. "ch4_lel = 52.3 %LEL". */
export function formatValue(value: number | null, unit: string | undefined): string {
  if (value === null) return '—';
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
  return unit && unit !== 'flag' ? `${rounded} ${unit}` : rounded;
}
