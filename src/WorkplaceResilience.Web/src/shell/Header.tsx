import type { MouseEvent } from 'react';
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Session } from '../auth/session';
import { isAdmin, isHr } from '../auth/session';
import { JobsButton } from './JobsButton';
import type { Route } from './router';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  brand: { fontWeight: tokens.fontWeightSemibold },
  // Wraps on a phone rather than pushing the page sideways.
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  navLink: {
    color: tokens.colorNeutralForeground1,
    whiteSpace: 'nowrap',
    textDecorationLine: 'none',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  person: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

interface HeaderProps {
  session: Session;
  route: Route;
  onNavigate: (path: string) => void;
  onSwitchPerson: () => void;
}

export function Header({ session, route, onNavigate, onSwitchPerson }: HeaderProps) {
  const styles = useStyles();
  const link = (path: string, label: string, target: Route) => (
    <a
      href={path}
      className={mergeClasses(styles.navLink, route === target && styles.current)}
      aria-current={route === target ? 'page' : undefined}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onNavigate(path);
      }}
    >
      {label}
    </a>
  );

  return (
    <header className={styles.header}>
      <Text className={styles.brand}>Workplace Resilience</Text>
      <nav aria-label="Main" className={styles.nav}>
        {link('/', 'Today', 'today')}
        {link('/week', 'My week', 'week')}
        {link('/settings', 'My settings', 'settings')}
        {link('/my-data', 'My data', 'mydata')}
        {isHr(session) && link('/hr', 'HR dashboard', 'hr')}
        {isAdmin(session) && link('/admin', 'Admin', 'admin')}
      </nav>
      <div className={styles.person}>
        {session.mode === 'demo' && (
          <Badge appearance="tint" color="warning">
            Demo mode
          </Badge>
        )}
        {isAdmin(session) && <JobsButton />}
        <Text data-testid="signed-in-name">{session.displayName}</Text>
        {session.mode === 'demo' && (
          <Button size="small" onClick={onSwitchPerson}>
            Switch person
          </Button>
        )}
      </div>
    </header>
  );
}
