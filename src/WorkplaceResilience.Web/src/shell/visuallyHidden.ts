import type { GriffelStyle } from '@fluentui/react-components';

/** Off screen but read by screen readers (live regions, a chart's table). Spread into a makeStyles rule. */
export const visuallyHidden: GriffelStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
