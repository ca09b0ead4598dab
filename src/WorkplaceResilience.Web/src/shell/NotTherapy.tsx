import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { SupportResource } from '../api/types';

const useStyles = makeStyles({
  root: {
    marginTop: tokens.spacingVerticalXL,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The tenant's support links (employee assistance, crisis line, intranet page), each opening in a new window. */
export function SupportLinkList({ resources }: { resources: SupportResource[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Support resources">
      {resources.map((r) => (
        <li key={r.url}>
          <Link href={r.url} target="_blank" rel="noopener noreferrer">
            {r.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The standing "this is not therapy" note plus the tenant's support links (when configured). */
export function NotTherapy({ resources }: { resources?: SupportResource[] | null }) {
  const styles = useStyles();
  return (
    <aside className={styles.root} aria-labelledby="not-therapy-heading" data-testid="support-resources">
      <Caption1 as="h2" id="not-therapy-heading" block>
        This is not therapy
      </Caption1>
      <Caption1 as="p" block>
        These short breaks can help you be kinder to yourself during a busy day. They are not a treatment. If you are
        struggling, please talk to someone you trust or reach out for support.
      </Caption1>
      {resources && resources.length > 0 ? (
        <SupportLinkList resources={resources} />
      ) : (
        <Caption1 as="p" block>
          Your organisation’s employee-assistance and crisis contacts are listed on your intranet; in an emergency, call
          your local emergency number.
        </Caption1>
      )}
    </aside>
  );
}
