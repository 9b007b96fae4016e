import type { RiskLevel } from '#contracts';
import { useT } from '../i18n/i18n';

/** A level as a coloured chip: risk wording (重大风险…) or alarm wording (红色预警…). */
export function LevelBadge(props: {
  level: RiskLevel | null;
  verified?: boolean;
  kind?: 'risk' | 'alarm';
  short?: boolean;
}) {
  const t = useT();
  const { level, verified = true, kind = 'risk', short = false } = props;
  if (level === null) return <span class="level-chip level-none">{t('level.none')}</span>;
  const label =
    kind === 'alarm' ? t(`alarmLevel.${level}`) : short ? t(`level.short.${level}`) : t(`level.${level}`);
  return (
    <span
      class={`level-chip level-${level}${verified ? '' : ' unverified'}`}
      title={verified ? undefined : t('level.unverifiedHint')}
    >
      {label}
      {!verified && <span class="unverified-tag">{t('level.unverified')}</span>}
    </span>
  );
}
