/**
 * Inline stylesheet of the printable report: self-contained (no fonts, scripts or images to fetch, so it
 * prints offline and archives as one file), CJK system fonts first, A4 print layout with repeated table
 * headers and rows kept whole across pages.
 */
export const REPORT_CSS = `
:root { --red: #c62828; --orange: #ef6c00; --yellow: #f9a825; --blue: #1565c0; --ink: #1f2933; --muted: #616e7c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink);
  font: 14px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif; }
header { border-bottom: 3px solid var(--ink); margin-bottom: 16px; }
h1 { font-size: 24px; margin: 0; }
h1 small, h2 small { display: block; font-size: 13px; font-weight: normal; color: var(--muted); }
h2 { font-size: 18px; margin: 24px 0 8px; border-left: 4px solid var(--ink); padding-left: 8px; }
.meta { color: var(--muted); margin: 4px 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #cbd2d9; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.reasons { margin: 0; padding-left: 16px; }
.level { display: inline-block; min-width: 3em; padding: 0 6px; border-radius: 3px; color: #fff; text-align: center; }
.level.red { background: var(--red); } .level.orange { background: var(--orange); }
.level.yellow { background: var(--yellow); color: var(--ink); } .level.blue { background: var(--blue); }
.ok { color: #2e7d32; font-weight: bold; } .fail { color: var(--red); font-weight: bold; }
.unverified { color: var(--orange); }
.note { color: var(--muted); font-size: 12px; }
footer { margin-top: 24px; border-top: 1px solid #cbd2d9; padding-top: 8px; color: var(--muted); font-size: 12px; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .level { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
