import { DEFAULT_WORKFLOW_CONFIG } from '#domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import { postAlarmAction } from '../api/alarms-api';
import { errorText } from '../api/http';
import { noteAlarmUpdate } from '../data/alarm-queue';
import { useT } from '../i18n/i18n';
import type { ConsoleAction } from './alarm-actions';
import type { AlarmItem } from './alarm-model';

export interface PendingAction {
  alarm: AlarmItem;
  action: ConsoleAction;
  assetName: string;
}

/** `<input type="datetime-local">` value in local time. */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * Asks for the reason every workflow action requires (and, to shelve, until when — at most the level's
 * maximum, libs/domain workflow-model.ts) and posts the action. A modal <dialog>: focus stays inside,
 * Esc cancels.
 */
export function ActionDialog(props: { pending: PendingAction; onClose: () => void }) {
  const t = useT();
  const { alarm, action, assetName } = props.pending;
  const dialog = useRef<HTMLDialogElement>(null);
  const maxShelveMs = DEFAULT_WORKFLOW_CONFIG.maxShelveMs[alarm.level];
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(() => localInputValue(Date.now() + maxShelveMs));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(t('dialog.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const view = await postAlarmAction(
        alarm.id,
        action,
        reason.trim(),
        action === 'shelve' ? new Date(until) : undefined,
      );
      noteAlarmUpdate(view);
      props.onClose();
    } catch (e) {
      setError(t('dialog.failed', { detail: errorText(e) }));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="action-dialog"
      onClose={props.onClose}
      aria-labelledby="action-dialog-title"
      data-testid="action-dialog"
    >
      <form method="dialog" onSubmit={submit}>
        <h2 id="action-dialog-title">
          {t('dialog.title', { action: t(`action.${action}`), asset: assetName })}
        </h2>
        <label for="action-reason">{t('dialog.reason')}</label>
        <textarea
          id="action-reason"
          name="reason"
          rows={3}
          required
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        {action === 'shelve' && (
          <>
            <label for="action-until">{t('dialog.until')}</label>
            <input
              id="action-until"
              type="datetime-local"
              required
              value={until}
              min={localInputValue(Date.now())}
              max={localInputValue(Date.now() + maxShelveMs)}
              onInput={(e) => setUntil(e.currentTarget.value)}
            />
          </>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="ghost" onClick={() => dialog.current?.close()}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t('dialog.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
