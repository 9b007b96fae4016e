import { useState } from 'preact/hooks';
import { apiBlob, errorText } from '../api/http';
import { useT } from '../i18n/i18n';

/**
 * Opens the printable risk assessment report (`/reports/risk-assessment?format=html`). The API wants the
 * bearer header, which a plain link cannot send, so the report is fetched and shown from a Blob URL in a
 * new tab, ready to print.
 */
export function ReportButton() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    const tab = window.open('', '_blank');
    setError(null);
    try {
      const html = await apiBlob('/reports/risk-assessment', { format: 'html' });
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else window.location.href = url;
    } catch (e) {
      tab?.close();
      setError(errorText(e));
    }
  };
  return (
    <>
      <button type="button" onClick={open} data-testid="open-report">
        {t('riskList.report')}
      </button>
      {error && <span class="error" role="alert">{t('dialog.failed', { detail: error })}</span>}
    </>
  );
}
