import { useI18n } from '../i18n/I18nProvider';
import { TableScroller } from '../shell/TableScroller';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { Summary } from '../api/types';
import { figureText, groupingLabel, hiddenText } from './reportModel';
import type { MessageKey } from '../i18n/lookup';

const useStyles = makeStyles({
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end', minWidth: '6rem' },
});

export const SKIP_REASONS: Record<string, MessageKey> = {
  busy: 'skip.busy',
  notNow: 'skip.notNow',
  notHelpful: 'skip.notHelpful',
  other: 'skip.otherReason',
  notGiven: 'skip.notGiven',
};

/** A category id as a column title: the known label, or the id in words ("soothing-touch" → "Soothing touch"). */
export function categoryLabel(id: string, labels: Record<string, string>): string {
  if (labels[id] !== undefined) return labels[id];
  const words = id.replace(/[-_]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One breakdown (skip reasons, practice mix) of the latest released week: a row per group, a column per category. */
export function BreakdownTable({ summary, breakdown, caption, labels = {} }: {
  summary: Summary;
  breakdown: string;
  caption: string;
  labels?: Record<string, MessageKey>;
}) {
  const styles = useStyles();
  const i18n = useI18n();
  const labelTexts = Object.fromEntries(Object.entries(labels).map(([id, key]) => [id, i18n.t(key)]));
  const last = summary.weeks.length - 1;
  const categories = [
    ...new Set([...Object.keys(labels), ...summary.groups.flatMap((g) => Object.keys(g.weeks[last]?.figures?.breakdowns[breakdown] ?? {}))]),
  ];
  if (categories.length === 0) return null;
  return (
    <TableScroller label={caption}>
      <Table aria-label={caption} size="small" data-testid={`hr-breakdown-${breakdown}`}>
        <caption className={styles.caption}>{caption}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{groupingLabel(summary.grouping, i18n)}</TableHeaderCell>
            {categories.map((c) => (
              <TableHeaderCell key={c} scope="col" className={styles.num}>
                {categoryLabel(c, labelTexts)}
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
                        ? hiddenText(cell.hidden, summary.minimumGroupSize, i18n)
                        : figureText(cell.figures?.breakdowns[breakdown]?.[c], 'count', summary.minimumGroupSize, summary.bandMargin, i18n)}

                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableScroller>
  );
}
