/**
 * Finds sentences written straight into source instead of taken from the catalogue: JSX text,
 * string literals in the attributes people read (title, aria-label, placeholder…), in props
 * and object fields that carry text (text, title, action, message…), in state setters and in
 * assignments to document.title / textContent. A string that is the key of a t(...) call is
 * not text; a call's own result is not inspected (it comes from t, formatUsd, headline…).
 * Pragmatic, not a proof: it reads the syntax, not the data flow.
 */
import { parseAst } from 'vite';

export interface Finding {
  line: number;
  text: string;
  where: string;
}

/** Attributes and props whose value is read by people (or by screen readers). */
const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'alt',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  // Our own components' text props (ProblemBanner, Row).
  'action',
  'text',
  'message',
]);
/** Object fields that carry text to a person: statuses, problems, notifications. */
const TEXT_FIELDS = new Set(['text', 'title', 'action', 'message', 'label', 'placeholder']);

const hasLetters = (text: string) => /\p{L}/u.test(text);
/** Words for people rather than a code like 'error': a space, a sentence's end, or a capitalised word. */
const readsAsWords = (text: string) =>
  hasLetters(text) && (/\s/.test(text) || /[.!?…:]$/.test(text) || /^\p{Lu}\p{Ll}/u.test(text));

// The AST as plain objects (ESTree from Oxc); only `type` and the fields used here are relied on.
type Node = { type: string; start: number; [key: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

export function findHardcodedText(source: string, filename: string): Finding[] {
  const program = parseAst(source, { lang: filename.endsWith('x') ? 'tsx' : 'ts' }, filename) as unknown as Node;
  const findings: Finding[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const report = (node: Node, text: string, where: string) =>
    findings.push({ line: lineOf(node.start), text: text.trim(), where });

  /**
   * The strings an expression renders as it stands: literals and template text, through ?:, &&,
   * ||, ??, +. `isText` says which strings count (any with letters, unless told otherwise).
   */
  const inspect = (expression: unknown, where: string, isText = hasLetters): void => {
    if (!isNode(expression)) return;
    const again = (inner: unknown) => inspect(inner, where, isText);
    switch (expression.type) {
      case 'Literal':
        if (typeof expression.value === 'string' && isText(expression.value))
          report(expression, expression.value, where);
        return;
      case 'TemplateLiteral': {
        const quasis = expression.quasis as Array<Node & { value: { cooked: string | null } }>;
        for (const quasi of quasis) {
          if (isText(quasi.value.cooked ?? '')) report(quasi, quasi.value.cooked ?? '', where);
        }
        for (const inner of expression.expressions as unknown[]) again(inner);
        return;
      }
      case 'ConditionalExpression':
        again(expression.consequent);
        again(expression.alternate);
        return;
      case 'LogicalExpression':
        again(expression.left);
        again(expression.right);
        return;
      case 'BinaryExpression':
        if (expression.operator === '+') {
          again(expression.left);
          again(expression.right);
        }
        return;
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'JSXExpressionContainer':
        again(expression.expression);
        return;
      case 'ArrayExpression':
        for (const element of expression.elements as unknown[]) again(element);
        return;
      case 'ObjectExpression':
        // e.g. setStatus({ tone: 'ok', text: '…' }): its text fields are inspected where the walk meets them.
        return;
      default:
        return;
    }
  };

  const nameOf = (node: unknown): string | null => {
    if (!isNode(node)) return null;
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') return node.name as string;
    if (node.type === 'Literal') return String(node.value);
    if (node.type === 'JSXNamespacedName') return `${nameOf(node.namespace)}:${nameOf(node.name)}`;
    return null;
  };

  const walk = (node: Node, parent: Node | null): void => {
    switch (node.type) {
      case 'JSXText':
        if (hasLetters(node.value as string)) report(node, node.value as string, 'JSX text');
        break;
      case 'JSXExpressionContainer':
        if (parent && (parent.type === 'JSXElement' || parent.type === 'JSXFragment')) inspect(node, 'JSX child');
        break;
      case 'JSXAttribute': {
        const name = nameOf(node.name);
        if (name && VISIBLE_ATTRIBUTES.has(name)) inspect(node.value, `${name}=`);
        break;
      }
      case 'Property': {
        const name = nameOf(node.key);
        if (name && TEXT_FIELDS.has(name) && !node.computed) inspect(node.value, `${name}:`);
        break;
      }
      case 'CallExpression': {
        const callee = nameOf(node.callee);
        if (callee && /^set[A-Z]/.test(callee)) {
          for (const argument of node.arguments as unknown[]) inspect(argument, `${callee}()`, readsAsWords);
        }
        break;
      }
      case 'AssignmentExpression': {
        const target = node.left as Node;
        const property = target.type === 'MemberExpression' ? nameOf(target.property) : null;
        if (property && ['title', 'textContent', 'innerText', 'innerHTML', 'placeholder'].includes(property)) {
          inspect(node.right, `.${property} =`);
        }
        break;
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) walk(child, node);
      } else if (isNode(value)) {
        walk(value, node);
      }
    }
  };

  walk(program, null);
  return findings;
}
