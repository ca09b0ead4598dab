import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiClient } from './api/client';
import { ApiProvider } from './api/ApiContext';
import type { Me } from './api/types';
import { DemoPicker } from './auth/DemoPicker';
import { TeamsSignIn } from './auth/TeamsSignIn';
import {
  clearStoredSession,
  homePathFor,
  isAdmin,
  isHr,
  loadStoredSession,
  storeSession,
  type Session,
} from './auth/session';
import { connectToTeams, type TeamsHost, type TeamsTheme } from './auth/teams';
import { MySettingsPage } from './settings/MySettingsPage';
import { MyDataPage } from './mydata/MyDataPage';
import { DemoBanner } from './shell/DemoBanner';
import { linkedOfferId } from './shell/deepLink';
import { Header } from './shell/Header';
import { routeFor, usePathname, type Route } from './shell/router';
import { themeFor, useBrowserTheme, useForcedColorsLinks } from './shell/theme';
import { TodayPage } from './today/TodayPage';
import { WeekPage } from './week/WeekPage';
import { I18nProvider, preferredLocale, useI18n } from './i18n/I18nProvider';

// HR's and admins' pages (with the charting library) load only when opened: employees never download them.
const HrPage = lazy(() => import('./hr/HrPage').then((m) => ({ default: m.HrPage })));
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  main: {
    maxWidth: '960px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    ':focus': { outlineStyle: 'none' },
  },
});

/** Routes that are also personal tabs in the manifest (staticTabs entityId). */
const HOST_TABS: Partial<Record<Route, string>> = { today: 'today', week: 'week', hr: 'hr' };

export interface AppProps {
  /** Injected in tests; defaults to the real teams-js handshake. */
  connect?: () => Promise<TeamsHost | null>;
}

/** The tab in the person's language: the host's locale when hosted, else the browser's. */
export function App({ connect = connectToTeams }: AppProps) {
  const [hostLocale, setHostLocale] = useState<string | null>(null);
  return (
    <I18nProvider locale={preferredLocale(hostLocale)}>
      <Tab connect={connect} onHostLocale={setHostLocale} />
    </I18nProvider>
  );
}

function Tab({ connect, onHostLocale }: Required<AppProps> & { onHostLocale: (locale: string | null) => void }) {
  const styles = useStyles();
  useForcedColorsLinks();
  const { t, language } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const languageRef = useRef(language);
  languageRef.current = language;
  const [path, navigate] = usePathname();
  const route = routeFor(path);

  const [session, setSession] = useState<Session | null>(() => loadStoredSession());
  const [booting, setBooting] = useState(() => session === null);
  const [host, setHost] = useState<TeamsHost | null>(null);
  const [teamsTheme, setTeamsTheme] = useState<TeamsTheme | null>(null);
  const [teamsBusy, setTeamsBusy] = useState(false);
  const [teamsError, setTeamsError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The offer a notification's link points at (Teams' subPageId, or ?offer= outside Teams): Today opens at it.
  const [linkedOffer, setLinkedOffer] = useState<string | null>(() => linkedOfferId(null, window.location.search));
  const [me, setMe] = useState<Me | null>(null);
  const [demoServer, setDemoServer] = useState(false);
  const onDemoMode = useCallback(() => setDemoServer(true), []);
  const demo = demoServer || session?.mode === 'demo';
  const theme = useBrowserTheme(teamsTheme);

  const sessionRef = useRef(session);
  sessionRef.current = session;
  const hostRef = useRef<TeamsHost | null>(null);

  const api = useMemo(
    () =>
      new ApiClient({
        getToken: async () => {
          // Inside Teams, Teams caches and refreshes its SSO token: ask it every time instead of storing one.
          if (hostRef.current) return hostRef.current.getAuthToken();
          return sessionRef.current?.accessToken ?? null;
        },
        getLanguage: () => languageRef.current,
        onUnauthorized: () => {
          clearStoredSession();
          sessionRef.current = null;
          setSession(null);
          setMe(null);
          setNotice(tRef.current('app.signInEnded'));
        },
      }),
    [],
  );

  const signInWithTeams = useCallback(
    async (teams: TeamsHost) => {
      setTeamsBusy(true);
      setTeamsError(null);
      try {
        const token = await teams.getAuthToken();
        const profile = await api.me();
        setMe(profile);
        setSession({ mode: 'teams', accessToken: token, displayName: profile.displayName, roles: profile.roles });
        setNotice(null);
      } catch (error) {
        setTeamsError(error);
      } finally {
        setTeamsBusy(false);
      }
    },
    [api],
  );

  // Start-up: a stored demo session wins; otherwise try the Teams handshake, else show the demo picker.
  useEffect(() => {
    if (!booting) return;
    let cancelled = false;
    void connect().then((teams) => {
      if (cancelled) return;
      if (teams) {
        hostRef.current = teams;
        setHost(teams);
        onHostLocale(teams.locale ?? null);
        setTeamsTheme(teams.theme);
        setLinkedOffer(linkedOfferId(teams.subPageId, window.location.search));
        teams.onThemeChange((t) => setTeamsTheme(t));
        void signInWithTeams(teams);
      }
      setBooting(false);
    });
    return () => {
      cancelled = true;
    };
  }, [booting, connect, signInWithTeams, onHostLocale]);

  // Profile (support links, fresh roles). Also validates a stored token: a 401 sends us back to sign-in.
  useEffect(() => {
    if (!session || me) return;
    let cancelled = false;
    api.me().then(
      (profile) => {
        if (!cancelled) setMe(profile);
      },
      () => undefined, // non-essential; 401 is handled by onUnauthorized
    );
    return () => {
      cancelled = true;
    };
  }, [api, session, me]);

  useEffect(() => {
    const titles = { today: 'nav.today', week: 'nav.week', hr: 'nav.hr', admin: 'nav.admin', mydata: 'nav.mydata', settings: 'nav.settings' } as const;
    document.title = t('app.documentTitle', { page: t(titles[route]) });
  }, [route, t]);

  const onDemoSignedIn = useCallback(
    (next: Session) => {
      storeSession(next);
      setSession(next);
      setMe(null);
      setNotice(null);
      navigate(homePathFor(next.roles));
    },
    [navigate],
  );

  // Inside a host, the pages that are also the manifest's personal tabs open as those tabs, so the host's tab strip
  // follows; where the host cannot (or for other pages) the page navigates itself.
  const navigateWithin = useCallback(
    (next: string) => {
      const target = routeFor(next);
      const tab = host && target !== route ? HOST_TABS[target] : undefined;
      if (!host || !tab) return navigate(next);
      void host.openTab(tab).then((opened) => {
        if (!opened) navigate(next);
      });
    },
    [host, navigate, route],
  );

  const switchPerson = useCallback(() => {
    clearStoredSession();
    setSession(null);
    setMe(null);
    navigate('/');
  }, [navigate]);

  let content;
  if (booting) {
    content = <Spinner label={t('app.starting')} />;
  } else if (!session) {
    content = (
      <>
        {notice && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {host ? (
          <TeamsSignIn host={host.kind} busy={teamsBusy} error={teamsError} onRetry={() => void signInWithTeams(host)} />
        ) : (
          <DemoPicker onSignedIn={onDemoSignedIn} onDemoMode={onDemoMode} />
        )}
      </>
    );
  } else if (route === 'week') {
    content = <WeekPage supportResources={me?.supportResources ?? null} />;
  } else if (route === 'mydata') {
    content = <MyDataPage />;
  } else if (route === 'settings') {
    content = <MySettingsPage />;
  } else if (route === 'hr') {
    content = isHr(session) ? (
      <Suspense fallback={<Spinner label={t('app.loadingHr')} />}>
        <HrPage />
      </Suspense>
    ) : (
      <>
        <Title1 as="h1">{t('nav.hr')}</Title1>
        <Text as="p">{t('app.hrOnly')}</Text>
      </>
    );
  } else if (route === 'admin') {
    content = isAdmin(session) ? (
      <Suspense fallback={<Spinner label={t('app.loadingAdmin')} />}>
        <AdminPage />
      </Suspense>
    ) : (
      <>
        <Title1 as="h1">{t('nav.admin')}</Title1>
        <Text as="p" data-testid="admin-only">
          {t('app.adminOnly')}
        </Text>
      </>

    );
  } else {
    content = <TodayPage supportResources={me?.supportResources ?? null} focusOfferId={linkedOffer} />;
  }

  return (
    // The page's own layout lives on a wrapper: Fluent copies the provider's classes onto the mount nodes of its
    // portals (tooltips, dialogs), where a full-height background would cover the whole page.
    <FluentProvider theme={themeFor(theme)}>
      <div className={styles.provider}>
        <ApiProvider client={api}>
          {demo && <DemoBanner />}
          {session && <Header session={session} route={route} onNavigate={navigateWithin} onSwitchPerson={switchPerson} />}
          <main id="main" className={styles.main}>
            {content}
          </main>
        </ApiProvider>
      </div>
    </FluentProvider>
  );
}
