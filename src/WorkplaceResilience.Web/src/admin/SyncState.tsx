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

const TILES: { key: keyof SyncCounts; label: string; attention?: boolean }[] = [
  { key: 'people', label: 'People in the directory' },
  { key: 'active', label: 'Active (in scope and served)' },
  { key: 'syncedLastHour', label: 'Calendars synced in the last hour' },
  { key: 'stale', label: 'Not synced for a while', attention: true },
  { key: 'neverSynced', label: 'Never synced yet', attention: true },
];

/** How far directory and calendar sync have got, as counts of people (never a person). */
export function SyncState() {
  const styles = useStyles();
  const api = useApi();
  const sync = useLoad(() => api.syncState());
  const data = sync.data;

  return (
    <div className={styles.stack}>
      {sync.loading && !data && <Spinner size="small" label="Reading the sync state…" />}
      <ProblemBar error={sync.error} onRetry={sync.reload} />
      {data && (
        <>
          <dl className={styles.grid} data-testid="sync-state">
            {TILES.map((t) => (
              <div
                key={t.key}
                className={mergeClasses(styles.tile, t.attention && data[t.key] > 0 && styles.attention)}
                data-testid={`sync-${t.key}`}
              >
                <dt className={styles.label}>{t.label}</dt>
                <dd className={styles.value}>{count(data[t.key])}</dd>
              </div>
            ))}
          </dl>
          <Text size={200}>Counts only: this page never lists who has or has not been synced.</Text>
          <Button size="small" icon={<ArrowClockwiseRegular />} onClick={sync.refresh}>
            Refresh sync state
          </Button>
        </>
      )}
    </div>
  );
}
