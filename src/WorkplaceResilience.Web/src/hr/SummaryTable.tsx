import { useI18n } from '../i18n/I18nProvider';
import { TableScroller } from '../shell/TableScroller';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { Summary } from '../api/types';
import { METRICS, cellText, groupingLabel, metricLabel } from './reportModel';

const useStyles = makeStyles({
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end', minWidth: '7rem' },
  muted: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

/** Groups × every figure of the latest released week; what is hidden says why, never a number. */
export function SummaryTable({ summary, caption }: { summary: Summary; caption: string }) {
  const styles = useStyles();
  const i18n = useI18n();
  const last = summary.weeks.length - 1;
  return (
    <TableScroller label={caption}>
      <Table data-testid="hr-table" aria-label={caption} size="small">
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{groupingLabel(summary.grouping, i18n)}</TableHeaderCell>
            {METRICS.map((m) => (
              <TableHeaderCell key={m.key} scope="col" className={styles.num}>
                {metricLabel(m, i18n)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.groups.map((group) => {
            const hidden = !!group.weeks[last]?.hidden;
            return (
              <TableRow key={group.name} data-hidden={hidden ? 'true' : 'false'}>
                <TableHeaderCell scope="row">{group.name}</TableHeaderCell>
                {METRICS.map((m) => {
                  const text = cellText(group, last, m, summary, i18n);
                  const isNumber = /^[+\-−]?\d/.test(text);

                  return (
                    <TableCell key={m.key} className={isNumber ? styles.num : `${styles.num} ${styles.muted}`}>
                      {text}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableScroller>
  );
}
