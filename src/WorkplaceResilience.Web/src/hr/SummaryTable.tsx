import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { Summary } from '../api/types';
import { groupingLabel, METRICS, cellText } from './reportModel';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end', minWidth: '7rem' },
  muted: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

/** Groups × every figure of the latest released week; what is hidden says why, never a number. */
export function SummaryTable({ summary, caption }: { summary: Summary; caption: string }) {
  const styles = useStyles();
  const last = summary.weeks.length - 1;
  return (
    <div className={styles.wrap}>
      <Table data-testid="hr-table" aria-label={caption} size="small">
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{groupingLabel(summary.grouping)}</TableHeaderCell>
            {METRICS.map((m) => (
              <TableHeaderCell key={m.key} scope="col" className={styles.num}>
                {m.label}
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
                  const text = cellText(group, last, m, summary);
                  const isNumber = /^[+-]?[\d,.]+( h| min|%)?$/.test(text);
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
    </div>
  );
}
