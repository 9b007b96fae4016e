import { createStore, useStore } from '../ui/store';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

const DICTIONARIES: Readonly<Record<Lang, Messages>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'lifeline.lang';

function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export const langStore = createStore<Lang>(initialLang());

export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  langStore.set(lang);
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(lang: Lang): Translate {
  const messages = DICTIONARIES[lang];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}

/** The current language's translate function; components re-render when the language changes. */
export function useT(): Translate {
  return translator(useStore(langStore));
}

/** Date and time in the console's language, e.g. 2026-11-22 08:00:05. */
export function formatTime(value: string | number | Date, lang: Lang = langStore.get()): string {
  return new Date(value).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
