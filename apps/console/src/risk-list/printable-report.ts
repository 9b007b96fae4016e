import { apiBlob } from '../api/http';

/**
 * Replaces every `<style>…</style>` block of an HTML page with a `<link rel="stylesheet">` (same
 * attributes, e.g. `media`) to the URL `toUrl` makes of its CSS. Plain text surgery on the server's own report: parsing the page with
 * DOMParser would already count as applying inline styles under the console's CSP.
 */
export function externaliseStyles(html: string, toUrl: (css: string) => string): string {
  return html.replace(
    /<style\b([^>]*)>([\s\S]*?)<\/style>/gi,
    (_, attributes: string, css: string) => `<link rel="stylesheet"${attributes} href="${toUrl(css)}">`,
  );
}

/**
 * Shows the printable risk assessment report (`/reports/risk-assessment?format=html`) in `tab`. The API
 * wants the bearer header, which a link cannot send, so the page is fetched and opened from a Blob URL.
 * Such a page inherits the console's Content-Security-Policy, which refuses inline <style>: the report's
 * stylesheet goes into a Blob URL of its own (style-src allows blob:), keeping the policy strict.
 */
export async function openPrintableReport(
  tab: Window,
  query: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const html = await (await apiBlob('/reports/risk-assessment', { ...query, format: 'html' })).text();
  const page = externaliseStyles(html, (css) => URL.createObjectURL(new Blob([css], { type: 'text/css' })));
  tab.location.href = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
}
