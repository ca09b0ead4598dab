import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useLoad, type Loaded } from '../shell/useLoad';
import { useApi } from './ApiContext';
import type { Practice } from './types';

/**
 * The practice catalogue in the tab's language. The host's locale can arrive after the page has loaded; then the
 * practices are fetched again in the new language (in the background, the old texts stay until the new arrive).
 */
export function usePractices(): Loaded<Practice[]> {
  const api = useApi();
  const { language } = useI18n();
  const practices = useLoad(() => api.practices());
  const loadedIn = useRef(language);
  const { refresh } = practices;
  useEffect(() => {
    if (loadedIn.current === language) return;
    loadedIn.current = language;
    refresh();
  }, [language, refresh]);
  return practices;
}
