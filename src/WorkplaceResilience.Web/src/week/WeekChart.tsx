import { useI18n } from '../i18n/I18nProvider';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { WeekDay } from '../api/types';
import { shortDay } from './words';

// Each series has a token colour and a stroke, so the bars stay apart in high contrast, where fills turn flat.
const useStyles = makeStyles({
  chart: {
    display: 'grid',
    gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    height: '160px',
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  column: { display: 'flex', flexDirection: 'column-reverse', height: '100%', alignItems: 'stretch' },
  segment: {
    boxSizing: 'border-box',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    minHeight: '4px',
  },
  taken: { backgroundColor: tokens.colorBrandBackground },
  own: { backgroundColor: tokens.colorPaletteTealBackground2 },
  notTaken: {
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
  labels: {
    display: 'grid',
    gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalS,
    textAlign: 'center',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    marginTop: tokens.spacingVerticalXS,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    listStyleType: 'none',
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase200,
  },
  key: { display: 'inline-block', width: '12px', height: '12px', marginRight: tokens.spacingHorizontalXS, verticalAlign: 'middle' },
});

/**
 * The week as stacked bars: breaks taken, practices on your own, and offers not taken (skipped, missed or still to
 * come). Purely visual (aria-hidden): the table beside it carries the same numbers for screen readers.
 */
export function WeekChart({ days }: { days: WeekDay[] }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const heights = days.map((d) => Math.max(d.offered, d.taken) + d.onTheirOwn);
  const max = Math.max(1, ...heights);
  const pct = (n: number) => `${(n / max) * 100}%`;
  return (
    <div aria-hidden="true" data-testid="week-chart">
      <div className={styles.chart}>
        {days.map((d) => (
          <div key={d.date} className={styles.column} data-testid="week-bar">
            {d.taken > 0 && <div className={mergeClasses(styles.segment, styles.taken)} style={{ height: pct(d.taken) }} />}
            {d.onTheirOwn > 0 && (
              <div className={mergeClasses(styles.segment, styles.own)} style={{ height: pct(d.onTheirOwn) }} />
            )}
            {d.offered > d.taken && (
              <div className={mergeClasses(styles.segment, styles.notTaken)} style={{ height: pct(d.offered - d.taken) }} />
            )}
          </div>
        ))}
      </div>
      <div className={styles.labels}>
        {days.map((d) => (
          <span key={d.date}>{shortDay(d.date, locale)}</span>
        ))}
      </div>
      <ul className={styles.legend}>
        <li>
          <span className={mergeClasses(styles.segment, styles.key, styles.taken)} />
          {t('week.legend.taken')}
        </li>
        <li>
          <span className={mergeClasses(styles.segment, styles.key, styles.own)} />
          {t('week.legend.own')}
        </li>
        <li>
          <span className={mergeClasses(styles.segment, styles.key, styles.notTaken)} />
          {t('week.legend.notTaken')}

        </li>
      </ul>
    </div>
  );
}
