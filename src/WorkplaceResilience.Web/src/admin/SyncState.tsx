import type { MessageKey } from '../i18n/lookup';
import { useI18n } from '../i18n/I18nProvider';
import { Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useApi } from '../api/ApiContext';
import type { SyncState as SyncCounts } from '../api/types';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { count } from './format';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(9rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    width: '100%',
  },
  tile: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  attention: { border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
});

const TILES: { key: keyof SyncCounts; label: MessageKey; attention?: boolean }[] = [
  { key: 'people', label: 'sync.people' },
  { key: 'active', label: 'sync.active' },
  { key: 'syncedLastHour', label: 'sync.syncedLastHour' },
  { key: 'stale', label: 'sync.stale', attention: true },
  { key: 'neverSynced', label: 'sync.neverSynced', attention: true },
];

/** How far directory and calendar sync have got, as counts of people (never a person). */
export function SyncState() {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const sync = useLoad(() => api.syncState());
  const data = sync.data;

  return (
    <div className={styles.stack}>
      {sync.loading && !data && <Spinner size="small" label={t('sync.reading')} />}
      <ProblemBar error={sync.error} onRetry={sync.reload} />
      {data && (
        <>
          <dl className={styles.grid} data-testid="sync-state">
            {TILES.map((tile) => (
              <div
                key={tile.key}
                className={mergeClasses(styles.tile, tile.attention && data[tile.key] > 0 && styles.attention)}
                data-testid={`sync-${tile.key}`}

              >
                <dt className={styles.label}>{i18n.t(tile.label)}</dt>
                <dd className={styles.value}>{count(data[tile.key], i18n.locale)}</dd>
              </div>
            ))}
          </dl>
          <Text size={200}>{t('sync.countsOnly')}</Text>
          <Button size="small" icon={<ArrowClockwiseRegular />} onClick={sync.refresh}>
            {t('sync.refresh')}

          </Button>
        </>
      )}
    </div>
  );
}
