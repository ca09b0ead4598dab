import { Caption1, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ShowAs, TimeBlock } from '../api/types';
import { SHOW_AS_LABEL } from './labels';
import { formatDuration, formatRange } from './time';
import { useI18n } from '../i18n/I18nProvider';
import { english, type Translator } from '../i18n/lookup';

const useStyles = makeStyles({
  block: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderLeftWidth: '6px',
    borderLeftStyle: 'solid',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxSizing: 'border-box',
  },
  busy: { borderLeftColor: tokens.colorBrandBackground, backgroundColor: tokens.colorBrandBackground2 },
  tentative: { borderLeftColor: tokens.colorBrandStroke1, borderLeftStyle: 'dashed' },
  oof: { borderLeftColor: tokens.colorPalettePurpleBorderActive, backgroundColor: tokens.colorPalettePurpleBackground2 },
  free: { borderLeftColor: tokens.colorNeutralStroke1 },
  workingElsewhere: { borderLeftColor: tokens.colorPaletteTealBorderActive, borderLeftStyle: 'double' },
  unknown: { borderLeftColor: tokens.colorNeutralStrokeAccessible, borderLeftStyle: 'dotted' },
  meta: { color: tokens.colorNeutralForeground2 },
});

export function blockLabel(block: TimeBlock, timeZoneIana?: string | null, i18n: Translator = english): string {
  const kind = i18n.t(SHOW_AS_LABEL[block.showAs]);
  return block.isAllDay
    ? i18n.t('block.allDay', { kind })
    : i18n.t('block.timed', { kind, range: formatRange(block.start, block.end, timeZoneIana, i18n.locale) });
}

/** One calendar block: what kind of time it is and when — never what the meeting is. */
export function TimeBlockItem({ block, timeZoneIana }: { block: TimeBlock; timeZoneIana?: string | null }) {
  const styles = useStyles();
  const i18n = useI18n();
  const minutes = (Date.parse(block.end) - Date.parse(block.start)) / 60000;
  const height = block.isAllDay ? undefined : `${Math.min(160, Math.max(44, minutes * 0.8))}px`;
  const kindClass: Record<ShowAs, string> = styles;
  return (
    <div
      data-testid="time-block"
      data-show-as={block.showAs}
      className={mergeClasses(styles.block, kindClass[block.showAs])}
      style={{ minHeight: height }}
    >
      <Text weight="semibold">{blockLabel(block, timeZoneIana, i18n)}</Text>
      {!block.isAllDay && <Caption1 className={styles.meta}>{formatDuration(block.start, block.end, i18n)}</Caption1>}

    </div>
  );
}
