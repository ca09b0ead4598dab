import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Summary } from '../api/types';
import { COLUMNS, cellText } from './format';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end' },
  suppressed: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

/** Departments × aggregate figures. Suppressed groups read "fewer than k", never a number. */
export function SummaryTable({ summary, caption }: { summary: Summary; caption: string }) {
  const styles = useStyles();
  const k = summary.minimumGroupSize;
  return (
    <div className={styles.wrap}>
      <Table data-testid="hr-table" noNativeElements={false} aria-label={caption}>
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Department</TableHeaderCell>
            {COLUMNS.map((c) => (
              <TableHeaderCell key={c.key} scope="col" className={styles.num}>
                {c.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.groups.map((g) => (
            <TableRow key={g.department} data-suppressed={g.suppressed ? 'true' : 'false'}>
              <TableHeaderCell scope="row">{g.department}</TableHeaderCell>
              {COLUMNS.map((c) => {
                const text = cellText(g, c, k);
                const withheld = g.suppressed || g[c.key] === null;
                return (
                  <TableCell key={c.key} className={mergeClasses(styles.num, withheld && styles.suppressed)}>
                    {text}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
