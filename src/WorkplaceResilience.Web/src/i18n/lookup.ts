// The tab's texts: one resource module per language (en.ts, de.ts) with the same keys, looked up by a typed key.
// English is bundled; other languages load as their own chunk when someone needs them. Placeholders are {name};
// plural texts are two keys, `….one` and `….other`, chosen by Intl.PluralRules in the person's locale.
import { en, type MessageKey, type Messages } from './en';

export type { MessageKey, Messages };
export type Language = 'en' | 'de';
export type Vars = Record<string, string | number>;

/** Keys that have `.one` and `.other` forms, named without the suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  de: () => import('./de').then((m) => m.de),
};

/** The language we have texts for, from a BCP 47 tag ("de-AT", "de-de", "en-GB"); English for anything else. */
export function languageOf(locale: string | null | undefined): Language {
  return locale?.toLowerCase().split(/[-_]/)[0] === 'de' ? 'de' : 'en';
}

/**
 * The locale for Intl formatting: the person's own tag when we show their language (so de-AT and en-GB keep their
 * own conventions), else plain English, so that dates never come in a third language beside English words.
 */
export function formattingLocale(locale: string | null | undefined): string {
  const language = languageOf(locale);
  if (!locale || languageOf(locale) !== language || !locale.toLowerCase().startsWith(language)) return language;
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-'))[0] ?? language;
  } catch {
    return language;
  }
}

export function loadMessages(language: Language): Promise<Messages> {
  return language === 'en' ? Promise.resolve(en) : LOADERS[language]();
}

export function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export interface Translator {
  /** The Intl locale (e.g. "de-DE", "en-US"). */
  locale: string;
  language: Language;
  t(key: MessageKey, vars?: Vars): string;
  /** `{count}` is filled with the count, formatted for the locale. */
  tn(key: PluralKey, count: number, vars?: Vars): string;
  /** A whole number or decimal in the locale ("1,234", "0,5"). */
  number(value: number, maximumFractionDigits?: number): string;
  /** A share 0..1 as a percentage ("42%", "42 %"). */
  percent(share: number): string;
}

export function translator(messages: Messages, locale: string): Translator {
  const language = languageOf(locale);
  const plural = new Intl.PluralRules(locale);
  const number = (value: number, maximumFractionDigits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
  const t = (key: MessageKey, vars?: Vars) => fill(messages[key] ?? en[key], vars);
  return {
    locale,
    language,
    t,
    tn: (key, count, vars) => {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${form}` as MessageKey, { count: number(count), ...vars });
    },
    number,
    percent: (share) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
  };
}

/** English in the browser's English locale: what tests and code outside the provider get. */
export const english: Translator = translator(en, 'en-US');
