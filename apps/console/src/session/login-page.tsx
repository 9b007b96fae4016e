import { useState } from 'preact/hooks';
import { ApiError, errorText } from '../api/http';
import { useT } from '../i18n/i18n';
import { LanguageSwitch } from '../ui/language-switch';
import { signIn } from './session';

/** Token sign-in: the token is checked with /me and kept for this tab only. */
export function LoginPage() {
  const t = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t('login.invalid')
          : t('login.failed', { detail: errorText(e) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit}>
        <h1>{t('app.title')}</h1>
        <p class="muted">{t('login.title')}</p>
        <label for="token">{t('login.token')}</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby="token-hint"
        />
        <small id="token-hint" class="muted">
          {t('login.tokenHint')}
        </small>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="login-actions">
          <LanguageSwitch />
          <button type="submit" class="primary" disabled={busy || token.trim() === ''}>
            {t('login.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
