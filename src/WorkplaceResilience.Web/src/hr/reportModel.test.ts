import { describe, expect, it } from 'vitest';
import { summary } from '../test/fixtures';
import { METRICS, cellText, figureText, groupingLabel, hiddenCounts, metricLabel, plotValue, releasedGroups, tableCsv, typicalError } from './reportModel';

const metric = (key: string) => METRICS.find((m) => m.key === key)!;

describe('report model', () => {
  it('writes figures as shown: values by kind, bands, and hidden reasons with k', () => {
    expect(figureText({ value: 0.423, band: null, hidden: null }, 'share', 10, 0.1)).toBe('42%');
    expect(figureText({ value: 14.46, band: null, hidden: null }, 'hours', 10, 0.1)).toBe('14.5 h');
    expect(figureText({ value: 1234, band: null, hidden: null }, 'count', 10, 0.1)).toBe('1,234');
    expect(figureText({ value: -0.4, band: null, hidden: null }, 'change', 10, 0.1)).toBe('-0.4');
    expect(figureText({ value: null, band: 'low', hidden: null }, 'share', 10, 0.1)).toBe('under 10%');
    expect(figureText({ value: null, band: 'high', hidden: null }, 'share', 10, 0.1)).toBe('over 90%');
    expect(figureText({ value: null, band: null, hidden: 'few-people' }, 'count', 12, 0.1)).toBe('fewer than 12 people behind it');
  });

  it('reads a hidden cell as its reason for every metric and plots nothing for it', () => {
    const legal = summary.groups.find((g) => g.name === 'Legal')!;
    expect(cellText(legal, 1, metric('people'), summary)).toBe('fewer than 10 people');
    expect(plotValue(legal, 1, metric('people'))).toBeNull();
    const sales = summary.groups.find((g) => g.name === 'Sales')!;
    expect(plotValue(sales, 1, metric('startedRate'))).toBeNull(); // a band is not a number to plot
    expect(plotValue(sales, 1, metric('completedRate'))).toBe(42);
  });

  it('gives each metric its typical error from the figures, and names org groupings by level', () => {
    expect(typicalError(summary, metric('delivered'))).toBe('±42');
    expect(typicalError(summary, metric('optedInShare'))).toBe('±7 points');
    expect(typicalError(summary, metric('skipped'))).toBeNull(); // no error published for it in the fixture
    expect(groupingLabel('org-level-2')).toBe('Org (level 2)');
    expect(groupingLabel('org-level-3')).toBe('Org (level 3)');
    expect(groupingLabel('office')).toBe('Office');
  });

  it('lists released groups largest first and counts what is hidden by reason', () => {
    expect(releasedGroups(summary).map((g) => g.name)).toEqual(['Engineering', 'Sales']);
    expect(hiddenCounts(summary)).toEqual({ 'small-group': 1, 'few-people': 1, 'reveals-band': 2 });
  });

  it('exports exactly the table: one row per group with the displayed texts', () => {
    const lines = tableCsv(summary).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(['Department', 'Week', ...METRICS.map((m) => metricLabel(m))].join(','));
    expect(lines[1]).toContain('Engineering,2026-W47,42,80%,55%,120,60,50,30,50%,42%,25%,under 10%,+0.8,14.5 h,95 min,30%');
    expect(lines[2]).toBe(['Legal', '2026-W47', ...METRICS.map(() => 'fewer than 10 people')].join(','));
    expect(lines[3]).toContain('Sales,2026-W47,18,80%,55%,would reveal a band,would reveal a band,50,fewer than 10 people behind it,over 90%');
  });
});
