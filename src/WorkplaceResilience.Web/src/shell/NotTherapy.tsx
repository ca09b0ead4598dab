import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { SupportResource } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

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
  const { t } = useI18n();
  return (
    <ul className={styles.list} aria-label={t('notTherapy.links')}>
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
  const { t } = useI18n();
  return (
    <aside className={styles.root} aria-labelledby="not-therapy-heading" data-testid="support-resources">
      <Caption1 as="h2" id="not-therapy-heading" block>
        {t('notTherapy.title')}
      </Caption1>
      <Caption1 as="p" block>
        {t('notTherapy.text')}
      </Caption1>
      {resources && resources.length > 0 ? (
        <SupportLinkList resources={resources} />
      ) : (
        <Caption1 as="p" block>
          {t('notTherapy.noLinks')}
        </Caption1>

      )}
    </aside>
  );
}
