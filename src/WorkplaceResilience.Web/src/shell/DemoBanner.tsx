import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  bar: { borderRadius: 0, paddingTop: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXXS },
});

export const DEMO_BANNER_TEXT = 'Demo mode — simulated company, not real data';

/**
 * Always on in demo mode and deliberately without a dismiss button: nobody should mistake the simulated tenant's
 * figures for their organisation's. Fluent's warning intent keeps it legible in light, dark and high contrast.
 */
export function DemoBanner() {
  const styles = useStyles();
  return (
    <section aria-label="Demo mode">
      <MessageBar intent="warning" layout="multiline" className={styles.bar} data-testid="demo-banner">
        <MessageBarBody>{DEMO_BANNER_TEXT}</MessageBarBody>
      </MessageBar>
    </section>
  );
}
