/**
 * Every place in the generator's source that refuses a schema, found by reading the source: a call of
 * one of the refusal helpers (`unsupported(…)`, `invalid(…)`, the parser's and IR builder's `error(…)`/`fail(…)`,
 * `new SchemaError(…)`, and the `.abnf` and `.regexp` translators' errors, which reach the user inside
 * a `.abnf grammar …`/`.regexp pattern …` refusal) with its message written out. The message becomes
 * a regular expression (each `${…}` any text), so that test/language/refusals.test.ts can ask the
 * catalogue in docs/cddl-support.md for a row whose message it matches.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { REPO } from './schemas.js';

export interface RefusalSite {
  /** `generator/ir/build.ts:236`. */
  where: string;
  /** The message as written, `${…}` kept. */
  text: string;
  /** Matches the messages the site can produce (unanchored: a site's message may be part of a longer one). */
  pattern: RegExp;
}

/** The folders whose code runs from `compile` on a schema (parse, modules, IR, layouts, emitters). */
const FOLDERS = ['parse', 'modules', 'ir', 'layout', 'emit'];
/** Functions and classes that refuse a schema with the message among their arguments. */
const REFUSERS = new Set(['unsupported', 'invalid', 'error', 'fail', 'SchemaError', 'AbnfError', 'RegexpSyntaxError']);

export function refusalSites(): RefusalSite[] {
  const sites: RefusalSite[] = [];
  for (const folder of FOLDERS) {
    const dir = join(REPO, 'generator', folder);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
      const path = join(dir, name);
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && REFUSERS.has(calleeName(node.expression))) {
          const where = `${relative(REPO, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          // `new SchemaError(kind, span, message)`: the message is the third; elsewhere the first argument that is a message.
          const args = calleeName(node.expression) === 'SchemaError' ? (node.arguments ?? []).slice(2, 3) : (node.arguments ?? []);
          for (const arg of args) {
            const texts = messageTexts(arg, source);
            for (const text of texts) sites.push({ where, text: text.shown, pattern: new RegExp(text.pattern) });
            if (texts.length > 0) break;
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return sites;
}

function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return '';
}

/** The messages an argument can be: a string, a template (each `${…}` any text), either branch of `? :`, or `+` of these; none for anything else (a message passed on). */
function messageTexts(node: ts.Expression, source: ts.SourceFile): { shown: string; pattern: string }[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (ts.isParenthesizedExpression(node)) return messageTexts(node.expression, source);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ shown: node.text, pattern: escape(node.text) }];
  if (ts.isTemplateExpression(node)) {
    let shown = node.head.text;
    let pattern = escape(node.head.text);
    for (const span of node.templateSpans) {
      shown += `\${${span.expression.getText(source)}}${span.literal.text}`;
      pattern += `[^]*?${escape(span.literal.text)}`;
    }
    return [{ shown, pattern }];
  }
  if (ts.isConditionalExpression(node)) return [...messageTexts(node.whenTrue, source), ...messageTexts(node.whenFalse, source)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = messageTexts(node.left, source);
    const right = messageTexts(node.right, source);
    if (left.length === 0 && right.length === 0) return [];
    const any = [{ shown: '${…}', pattern: '[^]*?' }];
    return (left.length > 0 ? left : any).flatMap((l) => (right.length > 0 ? right : any).map((r) => ({ shown: l.shown + r.shown, pattern: l.pattern + r.pattern })));
  }
  return [];
}
