import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  bar: { borderRadius: 0, paddingTop: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXXS },
});


/**
 * Always on in demo mode and deliberately without a dismiss button: nobody should mistake the simulated tenant's
 * figures for their organisation's. Fluent's warning intent keeps it legible in light, dark and high contrast.
 */
export function DemoBanner() {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <section aria-label={t('header.demoMode')}>
      <MessageBar intent="warning" layout="multiline" className={styles.bar} data-testid="demo-banner">
        <MessageBarBody>{t('demo.banner')}</MessageBarBody>

      </MessageBar>
    </section>
  );
}
