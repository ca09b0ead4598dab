// Thin wrapper over @microsoft/teams-js, loaded lazily so the demo/browser path never pays for it. The same code runs
// the personal tab in Teams, Outlook and the Microsoft 365 app: app.getContext() names the host, SSO
// (authentication.getAuthToken) and theme changes work the same in all three, and capabilities that not every host
// has are used only after their isSupported() says yes.

export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** The Microsoft 365 app hosting the tab, from teams-js' HostName ("Teams", "Outlook", "Office", …). */
export type HostKind = 'teams' | 'outlook' | 'microsoft365';

export interface TeamsHost {
  /** Which app hosts the tab. */
  kind: HostKind;
  theme: TeamsTheme;
  /** The host's language and region (app.locale, e.g. "de-de"): the tab's language follows it. */
  locale?: string | null;
  /** The deep link's subEntityId when the tab was opened from one (a notification), else null. */
  subPageId: string | null;
  getAuthToken(): Promise<string>;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  /**
   * Opens another of the app's personal tabs (a manifest staticTabs entityId) through the host, so the host's own
   * tab strip follows. False when the host cannot (pages.currentApp not supported) or refused: navigate in the page.
   */
  openTab(pageId: string): Promise<boolean>;
}

export const TEAMS_INIT_TIMEOUT_MS = 1500;

/** True when the page could be hosted: in a frame (web/desktop) or a mobile webview bridge. */
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

/** teams-js HostName values: Teams and TeamsModern; Outlook (web, new Windows, mobile) and OutlookWin32; Office (the Microsoft 365 app). */
export function hostKindOf(hostName: string | undefined): HostKind {
  if (hostName === 'Outlook' || hostName === 'OutlookWin32') return 'outlook';
  if (hostName === 'Office') return 'microsoft365';
  return 'teams';
}

/** How the host is named to people. */
export const HOST_LABEL: Record<HostKind, string> = { teams: 'Teams', outlook: 'Outlook', microsoft365: 'Microsoft 365' };

type TeamsJs = typeof import('@microsoft/teams-js');

/**
 * Resolves to the host when `app.initialize()` succeeds within the timeout, else null (we are in an ordinary
 * browser tab). `load` is for tests.
 */
export async function connectToTeams(
  timeoutMs = TEAMS_INIT_TIMEOUT_MS,
  win: Window = window,
  load: () => Promise<TeamsJs> = () => import('@microsoft/teams-js'),
): Promise<TeamsHost | null> {
  if (!mightBeInTeams(win)) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const teams = await load();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('teams-js: no answer from the host')), timeoutMs);
    });
    await Promise.race([teams.app.initialize(), timeout]);
    const context = await Promise.race([teams.app.getContext(), timeout]);
    return {
      kind: hostKindOf(context.app.host?.name),
      theme: normaliseTheme(context.app.theme),
      locale: context.app.locale || null,

      subPageId: context.page.subPageId ?? null,
      getAuthToken: () => teams.authentication.getAuthToken(),
      onThemeChange: (handler) => teams.app.registerOnThemeChangeHandler((t) => handler(normaliseTheme(t))),
      openTab: async (pageId) => {
        if (!teams.pages.currentApp.isSupported()) return false;
        try {
          await teams.pages.currentApp.navigateTo({ pageId });
          return true;
        } catch {
          return false;
        }
      },
    };
  } catch {
    return null;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
