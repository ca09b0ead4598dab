// Every text a person reads comes from the resource files: no JSX text, no user-facing attribute and no sentence in a
// string literal is left in the source (tests, the resource files themselves and developer-only errors aside).
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from './en';

/** Every source file of the front end as text, by path ("../today/TodayPage.tsx"); tests and resources aside. */
const SOURCES = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!../i18n/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const VISIBLE_ATTRIBUTES = new Set(['label', 'aria-label', 'title', 'placeholder', 'hint', 'content', 'legend', 'caption', 'chartTitle', 'validationMessage', 'alt']);
/** A sentence or phrase in words: a capitalised word followed by more words ("Save settings", "Loading your day…"). */
const SENTENCE = /^[A-Z][a-z’']+[.,:;!?…]?(\s+[^\s{}]+)+/;

/** Product names are the same in every language. */
const PRODUCT_NAMES = new Set(['Microsoft 365']);
/** A message key, a product name or a bare address is not text to translate. */
const notText = (value: string) => value in en || PRODUCT_NAMES.has(value) || /^https?:\/\/\S*$/.test(value);

function literalTexts(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.replace(/^\.\.\//, '')}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const isThrown = (node: ts.Node): boolean => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isThrowStatement(n)) return true;
    return false;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text)) found.push(`${where(node)} JSX text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /[A-Za-z]{2,}/.test(node.initializer.text) && !notText(node.initializer.text))
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && SENTENCE.test(node.text) && !notText(node.text) && !isThrown(node) && !ts.isImportDeclaration(node.parent) && !ts.isJsxAttribute(node.parent))
      found.push(`${where(node)} "${node.text}"`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('texts come from the resource files', () => {
  it('leaves no literal text in the front end’s source', () => {
    const files = Object.entries(SOURCES);
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(([path, source]) => literalTexts(path, source))).toEqual([]);
  });

  it('notices JSX text, a visible attribute and a sentence in code, but not keys, ids or thrown errors', () => {
    const probe = [
      "const a = <p data-testid=\"x-y\">Hello there</p>;",
      "const b = <Field label=\"Your name\" hint=\"my.save\" placeholder=\"https://\" />;",
      "const c = cond ? 'Saved. All done.' : t('my.save');",
      "if (!root) throw new Error('Root is missing from the page');",
    ].join('\n');
    expect(literalTexts('probe.tsx', probe)).toEqual([
      'probe.tsx:1 JSX text "Hello there"',
      'probe.tsx:2 label="Your name"',
      'probe.tsx:3 "Saved. All done."',
    ]);
  });
});
