import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  wrap: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

/**
 * A wide table that scrolls sideways inside its own box on a narrow screen (the page never does). The box is a named,
 * focusable region, so keyboard users can scroll it with the arrow keys too.
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.wrap} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
