import type { ComponentChildren } from 'preact';
import type { Loadable } from './loadable';
import { useT } from '../i18n/i18n';

/** Renders a Loadable: a status line while loading or on error, `children(value)` when ready. */
export function AsyncView<T>(props: {
  value: Loadable<T>;
  children: (value: T) => ComponentChildren;
  onRetry?: () => void;
}) {
  const t = useT();
  const { value } = props;
  if (value.state === 'loading')
    return (
      <p class="status-line" role="status">
        {t('common.loading')}
      </p>
    );
  if (value.state === 'error')
    return (
      <p class="status-line error" role="alert">
        {t('common.error', { detail: value.message })}{' '}
        {props.onRetry && (
          <button type="button" class="ghost" onClick={props.onRetry}>
            {t('common.retry')}
          </button>
        )}
      </p>
    );
  return <>{props.children(value.value)}</>;
}
