import { useI18n } from '../i18n/I18nProvider';
import { english, type Translator } from '../i18n/lookup';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Caption1, Link, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { usePractices } from '../api/usePractices';
import type { CompleteRequest, Offer, Practice, PracticeVersion, SupportResource } from '../api/types';
import { PracticePlayer } from '../practice/PracticePlayer';
import { pickVersion, practiceForOffer } from '../practice/pickVersion';
import { NotTherapy } from '../shell/NotTherapy';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { REASON_LABEL } from './labels';
import { PracticeNow } from './PracticeNow';
import { offerElementId } from './OfferCard';
import { Timeline } from './Timeline';
import { formatDay, formatTime, zoneName } from './time';

const useStyles = makeStyles({
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, ':focus': { outlineStyle: 'none' } },
  sub: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalL },
  h2: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalM} 0` },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const REFRESH_MS = 60_000;

interface Active {
  practice: Practice;
  version: PracticeVersion;
  offer: Offer | null;
}

interface LinkNotice {
  intent: 'info' | 'warning';
  text: string;
}

/** What to say about the offer a notification linked to; null when it is still open (the card is highlighted). */
export function linkNoticeFor(offer: Offer | undefined, timeZoneIana: string | null, i18n: Translator = english): LinkNotice | null {
  if (!offer) return { intent: 'warning', text: i18n.t('today.link.gone') };
  const time = formatTime(offer.start, timeZoneIana, i18n.locale);
  switch (offer.status) {
    case 'expired':
      return { intent: 'warning', text: i18n.t('today.link.expired', { time }) };
    case 'completed':
      return { intent: 'info', text: i18n.t('today.link.completed', { time }) };
    case 'skipped':
      return { intent: 'info', text: i18n.t('today.link.skipped', { time }) };
    default:
      return null;
  }
}

interface TodayPageProps {
  supportResources: SupportResource[] | null;
  /** The offer a notification linked to: Today scrolls to it, focuses and highlights it (once). */
  focusOfferId?: string | null;
}

export function TodayPage({ supportResources, focusOfferId = null }: TodayPageProps) {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const today = useLoad(() => api.today());
  const practices = usePractices();
  const [active, setActive] = useState<Active | null>(null);
  const [busyOfferId, setBusyOfferId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const h1Ref = useRef<HTMLHeadingElement>(null);
  const wasActive = useRef(false);
  const [linkNotice, setLinkNotice] = useState<LinkNotice | null>(null);
  const handledLink = useRef<string | null>(null);

  // Keep the day current while the tab is open: offers open, get delivered and pass as time goes by.
  const refreshToday = today.refresh;
  useEffect(() => {
    if (active) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') refreshToday();
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, [active, refreshToday]);

  const practiceById = useMemo(() => new Map((practices.data ?? []).map((p) => [p.id, p])), [practices.data]);

  // Focus the player's title when it opens, and the page heading when it closes.
  useEffect(() => {
    if (active) document.getElementById('practice-title')?.focus();
    else if (wasActive.current) h1Ref.current?.focus();
    wasActive.current = active !== null;
  }, [active]);

  const replaceOffer = useCallback(
    (updated: Offer) =>
      today.setData((t) => t && { ...t, offers: t.offers.map((o) => (o.id === updated.id ? updated : o)) }),
    [today],
  );

  async function start(offer: Offer) {
    const list = practices.data;
    if (!list) return;
    const practice = practiceForOffer(list, offer.practiceId, offer.lengthMinutes);
    const version = practice && pickVersion(practice, offer.lengthMinutes);
    if (!practice || !version) {
      setActionError(new Error(t('today.noPractice')));
      return;
    }
    setBusyOfferId(offer.id);
    setActionError(null);
    try {
      const updated = await api.startOffer(offer.id);
      replaceOffer(updated);
      setActive({ practice, version, offer: updated });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyOfferId(null);
    }
  }

  async function skip(offer: Offer) {
    setBusyOfferId(offer.id);
    setActionError(null);
    try {
      replaceOffer(await api.skipOffer(offer.id));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyOfferId(null);
    }
  }

  function practiceNow(practice: Practice) {
    const version = pickVersion(practice, 1);
    if (version) setActive({ practice, version, offer: null });
  }

  async function finish(result: CompleteRequest) {
    if (!active) return;
    if (active.offer) {
      replaceOffer(await api.completeOffer(active.offer.id, result));
    } else {
      await api.recordPracticeSession({
        ...result,
        practiceId: active.practice.id,
        lengthMinutes: active.version.lengthMinutes,
      });
    }
  }

  const data = today.data;
  const tz = data?.timeZoneIana ?? null;

  // Opened from a notification: once the day is on screen, bring that offer into view and give it focus.
  useEffect(() => {
    if (!focusOfferId || !data || active || handledLink.current === focusOfferId) return;
    handledLink.current = focusOfferId;
    const offer = data.offers.find((o) => o.id.toLowerCase() === focusOfferId);
    setLinkNotice(linkNoticeFor(offer, tz, i18n));
    if (!offer) return;
    const card = document.getElementById(offerElementId(offer.id));
    card?.scrollIntoView?.({ block: 'center' });
    card?.focus({ preventScroll: true });
  }, [focusOfferId, data, active, tz, i18n]);

  return (
    <>
      <h1 ref={h1Ref} tabIndex={-1} className={styles.h1}>
        {t('today.title')}
      </h1>
      {data && (
        <Caption1 className={styles.sub} data-testid="today-sub">
          {formatDay(data.date, locale)} · {zoneName(tz, data.date, locale) ?? data.timeZone}

          {data.workingHours && ` · ${t('today.workingHours', { start: data.workingHours.start, end: data.workingHours.end })}`}
          {' · '}
          {data.lastSyncedAt ? t('today.checkedAt', { time: formatTime(data.lastSyncedAt, tz, locale) }) : t('today.notChecked')}
        </Caption1>
      )}
      {data && (data.breaksOn === false || data.pausedUntil) && (
        <MessageBar intent="info" layout="multiline" data-testid="breaks-off-notice">
          <MessageBarBody>
            {data.breaksOn === false ? t('today.breaksOff') : t('today.pausedUntil', { date: formatDay(data.pausedUntil!, locale) })}{' '}
            <Link href="/settings" inline>
              {t('today.changeInSettings')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      )}

      {active ? (
        <PracticePlayer
          practice={active.practice}
          version={active.version}
          context={
            active.offer
              ? t('today.offerContext', { minutes: active.offer.lengthMinutes, reason: t(REASON_LABEL[active.offer.reason]) })
              : t('today.practiceNow')
          }
          onFinish={finish}
          supportResources={supportResources}
          onClose={() => setActive(null)}
        />
      ) : (
        <div className={styles.stack}>
          <ProblemBar error={actionError} onDismiss={() => setActionError(null)} />
          <ProblemBar error={practices.error} onRetry={practices.reload} />
          <PracticeNow practices={practices.data} onStart={practiceNow} />
          <section aria-labelledby="your-day-heading">
            <h2 id="your-day-heading" className={styles.h2}>
              {t('today.yourDay')}
            </h2>
            {today.loading && <Spinner label={t('today.loading')} />}
            <ProblemBar error={today.error} onRetry={today.reload} />
            {linkNotice && (
              <MessageBar intent={linkNotice.intent} layout="multiline" data-testid="linked-offer-notice">
                <MessageBarBody>{linkNotice.text}</MessageBarBody>
              </MessageBar>
            )}
            {data && (
              <>
                {data.offers.length === 0 && (
                  <Text as="p">{t('today.noBreaks')}</Text>
                )}
                <Caption1 as="p" className={styles.sub}>
                  {t('today.onlyKind')}
                </Caption1>

                <Timeline
                  blocks={data.blocks}
                  offers={data.offers}
                  practices={practiceById}
                  timeZoneIana={tz}
                  highlightedOfferId={focusOfferId}
                  busy={busyOfferId !== null || !practices.data}
                  onStart={(o) => void start(o)}
                  onSkip={(o) => void skip(o)}
                />
              </>
            )}
          </section>
        </div>
      )}
      <NotTherapy resources={supportResources} />
    </>
  );
}
