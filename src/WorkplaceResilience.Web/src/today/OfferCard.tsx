import { useId } from 'react';
import { Badge, Button, Caption1, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Offer, Practice } from '../api/types';
import { REASON_LABEL, STATUS_LABEL, canStart } from './labels';
import { formatTime } from './time';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  card: {
    borderLeft: `6px solid ${tokens.colorPaletteGreenBorderActive}`,
    backgroundColor: tokens.colorPaletteGreenBackground1,
  },
  inactive: { backgroundColor: tokens.colorNeutralBackground1, borderLeftColor: tokens.colorNeutralStroke1 },
  highlighted: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: '2px',
    ':focus-visible': { outline: `${tokens.strokeWidthThicker} solid ${tokens.colorStrokeFocus2}` },
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

interface OfferCardProps {
  offer: Offer;
  practice: Practice | undefined;
  timeZoneIana?: string | null;
  /** The offer a notification linked to: outlined, labelled, and focusable so Today can move focus to it. */
  highlighted?: boolean;
  busy: boolean;
  onStart: (offer: Offer) => void;
  onSkip: (offer: Offer) => void;
}

/** The card's element id, for scrolling to and focusing a linked offer. */
export function offerElementId(offerId: string): string {
  return `offer-${offerId}`;
}

/**
 * A break offered between meetings. While it is open it can be skipped; Start appears once it is due (when its
 * reminder goes out), and before that the card says from when.
 */
export function OfferCard({ offer, practice, timeZoneIana, highlighted = false, busy, onStart, onSkip }: OfferCardProps) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const headingId = useId();
  const open = canStart(offer.status);
  const startable = open && offer.startable;
  return (
    <Card
      id={offerElementId(offer.id)}
      data-testid="offer-card"
      data-status={offer.status}
      data-highlighted={highlighted || undefined}
      tabIndex={highlighted ? -1 : undefined}
      className={mergeClasses(styles.card, !open && styles.inactive, highlighted && styles.highlighted)}
      aria-labelledby={headingId}
      role="group"
    >
      <div className={styles.head}>
        <h3 id={headingId} className={styles.heading}>
          {t('offer.heading', { minutes: offer.lengthMinutes, time: formatTime(offer.start, timeZoneIana, locale) })}
        </h3>
        <Badge appearance="tint" color={open ? 'success' : 'informative'}>
          {t(STATUS_LABEL[offer.status])}
        </Badge>
        {highlighted && (
          <Badge appearance="filled" color="brand" data-testid="offer-from-notification">
            {t('offer.fromNotification')}
          </Badge>
        )}
      </div>
      <Text>{t(REASON_LABEL[offer.reason])}</Text>
      {practice && (
        <Caption1 className={styles.meta}>
          {practice.title} — {practice.summary}
        </Caption1>
      )}
      {open && !startable && (
        <Caption1 className={styles.meta} data-testid="offer-opens">
          {t('offer.opensAt', { time: formatTime(offer.opensAt, timeZoneIana, locale) })}
        </Caption1>
      )}
      {open && (
        <div className={styles.actions}>
          {startable && (
            <Button
              appearance="primary"
              data-testid="offer-start"
              aria-describedby={headingId}
              disabled={busy}
              onClick={() => onStart(offer)}
            >
              {t(offer.status === 'started' ? 'offer.resume' : 'offer.start')}
            </Button>
          )}
          <Button data-testid="offer-skip" aria-describedby={headingId} disabled={busy} onClick={() => onSkip(offer)}>
            {t('offer.skip')}

          </Button>
        </div>
      )}
    </Card>
  );
}
