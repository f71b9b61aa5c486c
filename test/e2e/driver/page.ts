/**
 * A page as the end-to-end tests see it, in either browser: find elements (by test id, role,
 * label, CSS), read them, click, type, press keys, evaluate. Each browser's driver supplies a
 * small backend; everything else (which element, whether it can be clicked) is decided here
 * and in locate.ts, the same way for both.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describeChain, nameMatch, queryInPage, type Probe, type ProbeAnswer, type Step } from './locate';

export type BrowserName = 'chromium' | 'firefox';

/** What a driver does with one of its pages; elements are named by a locator chain. */
export interface PageBackend {
  readonly browserName: BrowserName;
  url(): string;
  isClosed(): boolean;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Evaluates source text as a protocol call (a page's CSP, which forbids eval, does not govern it). */
  evaluateSource(source: string): Promise<void>;
  /** Runs `fn` on the one element the chain names. */
  evaluateOn<T, A>(chain: Step[], fn: (el: Element, arg: A) => T | Promise<T>, arg: A): Promise<T>;
  click(chain: Step[]): Promise<void>;
  /** Replaces the field's value as typing would (input events). */
  fill(chain: Step[], value: string): Promise<void>;
  focus(chain: Step[]): Promise<void>;
  press(key: string): Promise<void>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  content(): Promise<string>;
  close(): Promise<void>;
}

/** How long an action waits for its element to be there, visible and enabled. */
const ACTION_TIMEOUT_MS = 10_000;

/**
 * Waits until `check` answers null (ready), re-asking at short intervals as Playwright's own
 * actionability checks do; on timeout, fails with the last reason.
 */
export async function waitUntil(check: () => Promise<string | null>, what: string, timeoutMs = ACTION_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  const intervals = [0, 20, 50, 100, 100, 250];
  let reason: string | null = 'not checked';
  for (let i = 0; ; i++) {
    reason = await check().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (reason === null) return;
    if (Date.now() > deadline) throw new Error(`${what}: timed out after ${timeoutMs} ms (${reason})`);
    await new Promise((resolve) => setTimeout(resolve, intervals[Math.min(i, intervals.length - 1)]));
  }
}

export class Locator {
  constructor(
    private readonly page: TestPage,
    readonly chain: Step[],
  ) {}

  private and(step: Step) {
    return new Locator(this.page, [...this.chain, step]);
  }
  getByTestId(value: string) {
    return this.and({ kind: 'testId', value });
  }
  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}) {
    return this.and({
      kind: 'role',
      role,
      ...(options.name !== undefined && { name: nameMatch(options.name, options.exact) }),
    });
  }
  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}) {
    return this.and({ kind: 'label', value: nameMatch(text, options.exact) });
  }
  locator(css: string) {
    return this.and({ kind: 'css', value: css });
  }
  nth(index: number) {
    return this.and({ kind: 'nth', index });
  }
  first() {
    return this.nth(0);
  }
  last() {
    return this.nth(-1);
  }
  toString() {
    return describeChain(this.chain);
  }

  private async probe<T>(probe: Probe): Promise<T> {
    const answer = (await this.page.backend.evaluate(queryInPage, { chain: this.chain, probe })) as ProbeAnswer;
    if (!answer.ok) throw new Error(`${this}: ${answer.error}`);
    return answer.value as T;
  }
  /** How many elements match. */
  count() {
    return this.probe<number>({ op: 'count' });
  }
  /** The one element's text (whitespace normalised, as Playwright's text assertions read it); null if none. */
  text() {
    return this.probe<string | null>({ op: 'text' });
  }
  /** Every matching element's text. */
  allTexts() {
    return this.probe<string[]>({ op: 'texts' });
  }
  getAttribute(name: string) {
    return this.probe<string | null>({ op: 'attr', name });
  }
  allAttributes(name: string) {
    return this.probe<Array<string | null>>({ op: 'attrs', name });
  }
  /** The field's current value. */
  inputValue() {
    return this.probe<string | null>({ op: 'value' });
  }
  isVisible() {
    return this.probe<boolean>({ op: 'visible' });
  }
  isFocused() {
    return this.probe<boolean>({ op: 'focused' });
  }
  isEnabled() {
    return this.probe<boolean>({ op: 'enabled' });
  }
  evaluate<T, A>(fn: (el: Element, arg: A) => T | Promise<T>, arg: A): Promise<T> {
    return this.page.backend.evaluateOn(this.chain, fn, arg);
  }

  private actionable() {
    return waitUntil(() => this.probe<string | null>({ op: 'actionable' }), `${this}`);
  }
  async click() {
    await this.actionable();
    await this.page.backend.click(this.chain);
  }
  async fill(value: string) {
    await this.actionable();
    await this.page.backend.fill(this.chain, value);
  }
  async focus() {
    await waitUntil(async () => ((await this.count()) === 1 ? null : 'not exactly one element'), `${this}`);
    await this.page.backend.focus(this.chain);
  }
}

let axeSource: string | undefined;

export class TestPage {
  constructor(readonly backend: PageBackend) {}

  get browserName() {
    return this.backend.browserName;
  }
  private get root() {
    return new Locator(this, []);
  }
  getByTestId(value: string) {
    return this.root.getByTestId(value);
  }
  getByRole(role: string, options: { name?: string | RegExp; exact?: boolean } = {}) {
    return this.root.getByRole(role, options);
  }
  getByLabel(text: string | RegExp, options: { exact?: boolean } = {}) {
    return this.root.getByLabel(text, options);
  }
  locator(css: string) {
    return this.root.locator(css);
  }
  url() {
    return this.backend.url();
  }
  isClosed() {
    return this.backend.isClosed();
  }
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    return this.backend.evaluate(fn, arg);
  }
  goto(url: string) {
    return this.backend.goto(url);
  }
  reload() {
    return this.backend.reload();
  }
  /** The page's serialised DOM. */
  content() {
    return this.backend.content();
  }
  /** A key press in the focused element ("ArrowDown", "Enter", …). */
  press(key: string) {
    return this.backend.press(key);
  }
  close() {
    return this.backend.close();
  }

  /**
   * axe-core's serious and critical violations on this page, as "rule: targets". The same
   * engine and default rules in both browsers (injected as source, as @axe-core/playwright does).
   */
  async seriousAccessibilityViolations(): Promise<string[]> {
    axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    if (!(await this.backend.evaluate(() => 'axe' in globalThis, null))) await this.backend.evaluateSource(axeSource);
    return this.backend.evaluate(async () => {
      type Result = { violations: Array<{ id: string; impact?: string; nodes: Array<{ target: string[] }> }> };
      const axe = (globalThis as unknown as { axe: { run(): Promise<Result> } }).axe;
      const { violations } = await axe.run();
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, null);
  }
}
