import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Language, MESSAGES, MessageKey } from './messages';

const STORAGE_KEY = 'facegate.language';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

/** The language the user chose before, else the browser's (Chinese unless the browser prefers another language). */
function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') || !navigator.language ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
        setLanguageState(next);
      },
      t(key, values) {
        return fill(MESSAGES[language][key], values);
      },
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** A message with its `{name}` places filled. */
function fill(template: string, values: Record<string, string | number> = {}): string {
  return Object.entries(values).reduce<string>((text, [name, v]) => text.replace(`{${name}}`, String(v)), template);
}

/** The words of one page, kept in that page's chunk rather than in every page's first load; filled like t(). */
export function usePageWords<K extends string>(words: Record<Language, Record<K, string>>): (key: K, values?: Record<string, string | number>) => string {
  const { language } = useI18n();
  return useCallback((key: K, values?: Record<string, string | number>) => fill(words[language][key], values), [words, language]);
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
