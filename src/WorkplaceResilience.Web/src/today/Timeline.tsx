import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Offer, Practice, TimeBlock } from '../api/types';
import { OfferCard } from './OfferCard';
import { TimeBlockItem } from './TimeBlockItem';
import { formatTime } from './time';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, position: 'relative' },
  item: {
    display: 'grid',
    gridTemplateColumns: '4.5em 1fr',
    gap: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalS,
  },
  time: {
    textAlign: 'right',
    paddingTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: 'tabular-nums',
    borderRight: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    paddingRight: tokens.spacingHorizontalS,
  },
  allDay: { listStyleType: 'none', margin: `0 0 ${tokens.spacingVerticalM}`, padding: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  empty: { color: tokens.colorNeutralForeground2 },
});

type Entry = { kind: 'block'; at: number; block: TimeBlock } | { kind: 'offer'; at: number; offer: Offer };

interface TimelineProps {
  blocks: TimeBlock[];
  offers: Offer[];
  practices: Map<string, Practice>;
  timeZoneIana?: string | null;
  /** The offer a notification linked to, drawn highlighted. */
  highlightedOfferId?: string | null;
  busy: boolean;
  onStart: (offer: Offer) => void;
  onSkip: (offer: Offer) => void;
}

/** Today as a vertical timeline: busy/tentative/away time blocks (no titles) with breaks placed between them. */
export function Timeline({ blocks, offers, practices, timeZoneIana, highlightedOfferId, busy, onStart, onSkip }: TimelineProps) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const allDay = blocks.filter((b) => b.isAllDay);
  const entries: Entry[] = [
    ...blocks
      .filter((b) => !b.isAllDay && b.showAs !== 'free')
      .map((block): Entry => ({ kind: 'block', at: Date.parse(block.start), block })),
    ...offers.map((offer): Entry => ({ kind: 'offer', at: Date.parse(offer.start), offer })),
  ].sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'block' ? -1 : 1));

  return (
    <>
      {allDay.length > 0 && (
        <ul className={styles.allDay} aria-label={t('today.allDay')}>
          {allDay.map((block, i) => (
            <li key={`allday-${i}`}>
              <TimeBlockItem block={block} timeZoneIana={timeZoneIana} />
            </li>
          ))}
        </ul>
      )}
      {entries.length === 0 ? (
        <Text as="p" className={styles.empty}>
          {t('today.nothing')}
        </Text>
      ) : (
        <ol className={styles.list} aria-label={t('today.timeline')}>
          {entries.map((entry, i) => {
            const start = entry.kind === 'block' ? entry.block.start : entry.offer.start;
            return (
              <li
                key={entry.kind === 'offer' ? entry.offer.id : `block-${i}-${entry.block.start}`}
                className={styles.item}
              >
                <Caption1 className={styles.time} aria-hidden="true">
                  {formatTime(start, timeZoneIana, locale)}

                </Caption1>
                {entry.kind === 'block' ? (
                  <TimeBlockItem block={entry.block} timeZoneIana={timeZoneIana} />
                ) : (
                  <OfferCard
                    offer={entry.offer}
                    practice={practices.get(entry.offer.practiceId)}
                    timeZoneIana={timeZoneIana}
                    highlighted={!!highlightedOfferId && entry.offer.id.toLowerCase() === highlightedOfferId}
                    busy={busy}
                    onStart={onStart}
                    onSkip={onSkip}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
