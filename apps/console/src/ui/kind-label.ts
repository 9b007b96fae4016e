import type { MessageKey, Translate } from '../i18n/i18n';
import { zhCN } from '../i18n/zh-CN';

/** An asset kind in words (`manhole` → 窨井); a kind the dictionaries do not know is shown as is. */
export function kindLabel(kind: string, t: Translate): string {
  const key = `kind.${kind}`;
  return key in zhCN ? t(key as MessageKey) : kind;
}
