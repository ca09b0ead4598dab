import { describe, expect, it } from 'vitest';
import { en } from './en';
import { de } from './de';
import { fill, formattingLocale, languageOf, translator } from './lookup';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('resource files', () => {
  it('German has exactly the English keys, none empty, with the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(text.trim(), key).not.toBe('');
      const german = de[key as keyof typeof en];
      expect(german.trim(), key).not.toBe('');
      expect(placeholders(german), key).toEqual(placeholders(text));
    }
  });

  it('every plural text has both forms', () => {
    for (const messages of [en, de]) {
      const keys = Object.keys(messages);
      for (const key of keys.filter((k) => k.endsWith('.one'))) expect(keys, key).toContain(key.replace(/\.one$/, '.other'));
      for (const key of keys.filter((k) => k.endsWith('.other'))) expect(keys, key).toContain(key.replace(/\.other$/, '.one'));
    }
  });
});

describe('language and locale', () => {
  it('follows the language of the tag, English for anything else', () => {
    expect(languageOf('de-de')).toBe('de');
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('de')).toBe('de');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf(null)).toBe('en');
  });

  it('formats in the person’s own region when their language is shown, else in English', () => {
    expect(formattingLocale('de-de')).toBe('de-DE');
    expect(formattingLocale('de-CH')).toBe('de-CH');
    expect(formattingLocale('en-GB')).toBe('en-GB');
    expect(formattingLocale('fr-FR')).toBe('en');
    expect(formattingLocale(undefined)).toBe('en');
  });

  it('fills placeholders and picks plural forms and number formats by locale', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    const german = translator(de, 'de-DE');
    expect(german.tn('week.breakCount', 1)).toBe('1 Pause');
    expect(german.tn('week.breakCount', 3)).toBe('3 Pausen');
    expect(german.tn('change.points', 0.5)).toBe('0,5 Punkte');
    expect(german.percent(0.42)).toBe('42\u00a0%');
    const english = translator(en, 'en-US');
    expect(english.tn('change.points', 1)).toBe('1 point');
    expect(english.number(1234.5)).toBe('1,234.5');
  });
});
