// Thin wrapper over @microsoft/teams-js, loaded lazily so the demo/browser path never pays for it.

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  theme: TeamsTheme;
  /** The deep link's subEntityId when the tab was opened from one (a notification), else null. */
  subPageId: string | null;
  getAuthToken(): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
}

export const TEAMS_INIT_TIMEOUT_MS = 1500;

/** True when the page could be hosted by Teams: in a frame (web/desktop) or a mobile webview bridge. */
export function mightBeInTeams(win: Window = window): boolean {
  let framed = false;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true; // cross-origin parent
  }
  return framed || !!win.opener || 'nativeInterface' in win;
}

function normaliseTheme(theme: string | undefined): TeamsTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/**
 * Resolves to the Teams host when `app.initialize()` succeeds within the timeout, else null
 * (we are in an ordinary browser tab).
 */
export async function connectToTeams(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<TeamsHost | null> {
  if (!mightBeInTeams()) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const teams = await import('@microsoft/teams-js');
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Teams did not answer')), timeoutMs);
    });
    await Promise.race([teams.app.initialize(), timeout]);
    const context = await Promise.race([teams.app.getContext(), timeout]);
    return {
      theme: normaliseTheme(context.app.theme),
      subPageId: context.page.subPageId ?? null,
      getAuthToken: () => teams.authentication.getAuthToken(),
      onThemeChange: (handler) => teams.app.registerOnThemeChangeHandler((t) => handler(normaliseTheme(t))),
    };
  } catch {
    return null;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
