import { useEffect, useState } from 'react';
import { makeStaticStyles, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsTheme } from '../auth/teams';

export function themeFor(name: TeamsTheme): Theme {
  if (name === 'dark') return teamsDarkTheme;
  if (name === 'contrast') return teamsHighContrastTheme;
  return teamsLightTheme;
}

function browserTheme(): TeamsTheme {
  if (typeof window.matchMedia !== 'function') return 'default';
  if (window.matchMedia('(forced-colors: active)').matches) return 'contrast';
  if (window.matchMedia('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'default';
}

/** Teams theme when hosted by Teams (pass it in), otherwise the browser's colour preferences, live. */
export function useBrowserTheme(teamsTheme: TeamsTheme | null): TeamsTheme {
  const [fromBrowser, setFromBrowser] = useState<TeamsTheme>(browserTheme);

  useEffect(() => {
    if (teamsTheme || typeof window.matchMedia !== 'function') return;
    const queries = [window.matchMedia('(forced-colors: active)'), window.matchMedia('(prefers-color-scheme: dark)')];
    const update = () => setFromBrowser(browserTheme());
    queries.forEach((q) => q.addEventListener?.('change', update));
    return () => queries.forEach((q) => q.removeEventListener?.('change', update));
  }, [teamsTheme]);

  return teamsTheme ?? fromBrowser;
}

/**
 * With forced colours the browser paints backgrounds in its own colours, but a Fluent link would keep the
 * high-contrast theme's yellow, meant for black: links take the system's link colour instead.
 */
export const useForcedColorsLinks = makeStaticStyles('@media (forced-colors: active) { a.fui-Link { color: LinkText; } }');
