import { langStore, setLang, useT } from '../i18n/i18n';
import { useStore } from './store';

/** 中文 ⇄ English. */
export function LanguageSwitch() {
  const t = useT();
  const lang = useStore(langStore);
  return (
    <button
      type="button"
      class="ghost"
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('live.lang')}
    </button>
  );
}
