import { useT } from '../i18n/i18n';
import { LEVEL_COLUMNS, type LevelRow } from './board-stats';

/** Assets by domain (rows) and level (columns), the 四色 summary of the risk list. */
export function LevelDomainTable(props: { rows: readonly LevelRow[] }) {
  const t = useT();
  const totals = LEVEL_COLUMNS.map((level) => props.rows.reduce((sum, r) => sum + r.counts[level], 0));
  return (
    <table class="data-table level-table" data-testid="level-table">
      <thead>
        <tr>
          <th scope="col">{t('map.domain')}</th>
          {LEVEL_COLUMNS.map((level) => (
            <th scope="col" key={level} class={`num level-head level-${level}`}>
              {level === 'none' ? t('level.none') : t(`level.short.${level}`)}
            </th>
          ))}
          <th scope="col" class="num">
            {t('level.unverified')}
          </th>
          <th scope="col" class="num">
            {t('board.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.domain}>
            <th scope="row">{t(`domain.${row.domain}`)}</th>
            {LEVEL_COLUMNS.map((level) => (
              <td key={level} class={`num mono${row.counts[level] > 0 ? ` has level-${level}` : ''}`}>
                {row.counts[level]}
              </td>
            ))}
            <td class="num mono">{row.unverified}</td>
            <td class="num mono">{row.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('board.total')}</th>
          {totals.map((n, i) => (
            <td key={LEVEL_COLUMNS[i]} class="num mono">
              {n}
            </td>
          ))}
          <td class="num mono">{props.rows.reduce((s, r) => s + r.unverified, 0)}</td>
          <td class="num mono">{props.rows.reduce((s, r) => s + r.total, 0)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
