import { useT } from '../i18n/i18n';
import { OPEN_STATES, type AlarmSummary } from './board-stats';

/** Open alarms per workflow state as horizontal bars. */
export function AlarmStates(props: { summary: AlarmSummary }) {
  const t = useT();
  const { byState } = props.summary;
  const max = Math.max(1, ...OPEN_STATES.map((s) => byState[s] ?? 0));
  return (
    <ul class="state-bars">
      {OPEN_STATES.map((state) => {
        const n = byState[state] ?? 0;
        return (
          <li key={state}>
            <span class="label">{t(`state.${state}`)}</span>
            <span class="bar" aria-hidden="true">
              <span style={{ width: `${(n / max) * 100}%` }} />
            </span>
            <span class="num mono">{n}</span>
          </li>
        );
      })}
    </ul>
  );
}
