import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { Summary } from '../api/types';
import { groupingLabel, figureText, hiddenText } from './reportModel';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end', minWidth: '6rem' },
});

export const SKIP_REASONS: Record<string, string> = {
  busy: 'Too busy',
  notNow: 'Not now',
  notHelpful: 'Not helpful',
  other: 'Other',
  notGiven: 'No reason given',
};

/** A category id as a column title: the known label, or the id in words ("soothing-touch" → "Soothing touch"). */
export function categoryLabel(id: string, labels: Record<string, string>): string {
  if (labels[id]) return labels[id];
  const words = id.replace(/[-_]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One breakdown (skip reasons, practice mix) of the latest released week: a row per group, a column per category. */
export function BreakdownTable({ summary, breakdown, caption, labels = {} }: {
  summary: Summary;
  breakdown: string;
  caption: string;
  labels?: Record<string, string>;
}) {
  const styles = useStyles();
  const last = summary.weeks.length - 1;
  const categories = [
    ...new Set([...Object.keys(labels), ...summary.groups.flatMap((g) => Object.keys(g.weeks[last]?.figures?.breakdowns[breakdown] ?? {}))]),
  ];
  if (categories.length === 0) return null;
  return (
    <div className={styles.wrap}>
      <Table aria-label={caption} size="small" data-testid={`hr-breakdown-${breakdown}`}>
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{groupingLabel(summary.grouping)}</TableHeaderCell>
            {categories.map((c) => (
              <TableHeaderCell key={c} scope="col" className={styles.num}>
                {categoryLabel(c, labels)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.groups.map((group) => {
            const cell = group.weeks[last];
            return (
              <TableRow key={group.name}>
                <TableHeaderCell scope="row">{group.name}</TableHeaderCell>
                {categories.map((c) => (
                  <TableCell key={c} className={styles.num}>
                    {!cell
                      ? ''
                      : cell.hidden
                        ? hiddenText(cell.hidden, summary.minimumGroupSize)
                        : figureText(cell.figures?.breakdowns[breakdown]?.[c], 'count', summary.minimumGroupSize, summary.bandMargin)}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
