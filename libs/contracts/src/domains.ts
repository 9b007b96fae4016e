/** The six lifeline domains (CONTRACT.md §1). */
export const DOMAINS = ['gas', 'heating', 'water', 'drainage', 'bridge', 'tunnel'] as const;
export type Domain = (typeof DOMAINS)[number];

export function isDomain(value: unknown): value is Domain {
  return typeof value === 'string' && (DOMAINS as readonly string[]).includes(value);
}

/** Risk levels, highest first (DOMAIN.md): 重大 major/red · 较大 larger/orange · 一般 general/yellow · 低 low/blue. */
export const RISK_LEVELS = ['major', 'larger', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
