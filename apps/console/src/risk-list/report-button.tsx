import { useState } from 'preact/hooks';
import { errorText } from '../api/http';
import type { RiskListQuery } from '../api/risk-api';
import { useT } from '../i18n/i18n';
import { openPrintableReport } from './printable-report';

/** Opens the printable risk assessment report, for the risk list's domain and district, in a new tab. */
export function ReportButton(props: { query: RiskListQuery }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    // Opened before the fetch, inside the click, so a pop-up blocker lets it through.
    const tab = window.open('', '_blank');
    if (!tab) return;
    setError(null);
    try {
      await openPrintableReport(tab, { domain: props.query.domain, district: props.query.district });
    } catch (e) {
      tab.close();
      setError(errorText(e));
    }
  };
  return (
    <>
      <button type="button" onClick={open} data-testid="open-report">
        {t('riskList.report')}
      </button>
      {error && (
        <span class="error" role="alert">
          {t('dialog.failed', { detail: error })}
        </span>
      )}
    </>
  );
}
