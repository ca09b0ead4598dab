import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { english, formattingLocale, languageOf, loadMessages, translator, type Language, type Messages, type Translator } from './lookup';
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
 * Provides the texts for `locale`. A language other than English loads first (its own small chunk): at start nothing
 * is drawn until it has, so a German reader never sees English flash by; when the language changes later (the host's
 * locale arrives after start-up) the page keeps its current texts until the new ones are there, and keeps its state.
 */
export function I18nProvider({ locale, children }: { locale: string; children: ReactNode }) {
  const language = languageOf(locale);
  const [loaded, setLoaded] = useState<Loaded | null>(() => (language === 'en' ? { language, messages: en } : null));

  useEffect(() => {
    if (loaded?.language === language) return;
    let current = true;
    loadMessages(language).then(
      (messages) => current && setLoaded({ language, messages }),
      () => current && setLoaded({ language, messages: en }), // a missing chunk must not leave the tab blank
    );
    return () => {
      current = false;
    };
  }, [language, loaded?.language]);

  const value = useMemo(
    () => loaded && translator(loaded.messages, loaded.language === language ? formattingLocale(locale) : formattingLocale(loaded.language)),
    [loaded, language, locale],
  );

  useEffect(() => {
    if (value) document.documentElement.lang = value.language;
  }, [value]);

  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

interface Loaded {
  language: Language;
  messages: Messages;
}
