import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { english, formattingLocale, languageOf, loadMessages, translator, type Messages, type Translator } from './lookup';
import { en } from './en';

const I18nContext = createContext<Translator>(english);

/** The texts and formats of the person's language. Outside a provider: English. */
export function useI18n(): Translator {
  return useContext(I18nContext);
}

/** The host's locale when hosted (Teams/Outlook `app.locale`), else the browser's. */
export function preferredLocale(hostLocale: string | null | undefined, nav: Pick<Navigator, 'language'> | undefined = globalThis.navigator): string {
  return hostLocale || nav?.language || 'en';
}

/**
 * Provides the texts for `locale`. A language other than English loads first (its own small chunk); until it has,
 * nothing is drawn, so a German reader never sees English flash by.
 */
export function I18nProvider({ locale, children }: { locale: string; children: ReactNode }) {
  const language = languageOf(locale);
  const [loaded, setLoaded] = useState<{ language: string; messages: Messages }>({ language: 'en', messages: en });

  useEffect(() => {
    if (loaded.language === language) return;
    let current = true;
    loadMessages(language).then(
      (messages) => current && setLoaded({ language, messages }),
      () => current && setLoaded({ language, messages: en }), // a missing chunk must not leave the tab blank
    );
    return () => {
      current = false;
    };
  }, [language, loaded.language]);

  const ready = loaded.language === language;
  const value = useMemo(
    () => translator(loaded.messages, loaded.language === language ? formattingLocale(locale) : 'en-US'),
    [loaded, language, locale],
  );

  useEffect(() => {
    document.documentElement.lang = value.language;
  }, [value.language]);

  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
