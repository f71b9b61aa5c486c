/**
 * Finding elements the way a test names them (test id, role and accessible name, label, CSS),
 * in either browser: one function, evaluated in the page, so both browsers find the same
 * elements by the same rules. Open shadow roots are searched too (the approvals panel lives in
 * one), as Playwright's own locators do.
 *
 * The rules follow Playwright's: a string name or label matches a case-insensitive substring of
 * the whitespace-normalised text, a RegExp is tested against it; role queries skip hidden
 * elements; reading one element's text, attribute or state is strict (more than one match is
 * an error, none is null).
 */

export type NameMatch = { text: string; exact?: boolean } | { source: string; flags: string };

export type Step =
  | { kind: 'testId'; value: string }
  | { kind: 'css'; value: string }
  | { kind: 'label'; value: NameMatch }
  | { kind: 'role'; role: string; name?: NameMatch }
  | { kind: 'nth'; index: number };

export const nameMatch = (name: string | RegExp, exact = false): NameMatch =>
  typeof name === 'string' ? { text: name, exact } : { source: name.source, flags: name.flags };

export const describeChain = (chain: Step[]): string =>
  chain
    .map((s) => {
      const name = (n?: NameMatch) => (!n ? '' : 'text' in n ? JSON.stringify(n.text) : `/${n.source}/${n.flags}`);
      if (s.kind === 'testId') return `getByTestId(${JSON.stringify(s.value)})`;
      if (s.kind === 'css') return `locator(${JSON.stringify(s.value)})`;
      if (s.kind === 'label') return `getByLabel(${name(s.value)})`;
      if (s.kind === 'role') return `getByRole(${JSON.stringify(s.role)}${s.name ? `, ${name(s.name)}` : ''})`;
      return `nth(${s.index})`;
    })
    .join('.');

/** What the in-page query answers about the elements it found. */
export type Probe =
  | { op: 'count' }
  | { op: 'text' }
  | { op: 'texts' }
  | { op: 'attr'; name: string }
  | { op: 'attrs'; name: string }
  | { op: 'value' }
  | { op: 'visible' }
  | { op: 'focused' }
  | { op: 'enabled' }
  | { op: 'actionable' };

export type ProbeAnswer = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Evaluated in the page (it must stay self-contained: it is sent as source text). With
 * `probe`, it answers a question about the elements; without, it returns the one element
 * (for clicks and typing) or throws.
 */
export function queryInPage(arg: { chain: Step[]; probe: Probe | null }): unknown {
  const { chain, probe } = arg;
  const norm = (s: string | null | undefined) =>
    (s ?? '')
      .replace(/\u200b/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const matches = (text: string, m: NameMatch) => {
    if ('source' in m) return new RegExp(m.source, m.flags).test(text);
    return m.exact ? text === norm(m.text) : text.toLowerCase().includes(norm(m.text).toLowerCase());
  };
  /** Every element under a root, through open shadow roots, in document order. */
  const descendants = (root: Element | Document | ShadowRoot): Element[] => {
    const out: Element[] = [];
    const walk = (node: Element | Document | ShadowRoot) => {
      for (const child of Array.from(node.children)) {
        out.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    walk(root);
    return out;
  };
  const parentOf = (el: Element): Element | null =>
    el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  const isHidden = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = parentOf(e)) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
    }
    const visible = (el as HTMLElement).checkVisibility?.({ visibilityProperty: true } as never);
    return visible === false;
  };
  const IMPLICIT: Record<string, (el: Element) => boolean> = {
    button: (el) =>
      el.localName === 'button' ||
      (el.localName === 'input' && ['button', 'submit', 'reset', 'image'].includes((el as HTMLInputElement).type)),
    link: (el) => (el.localName === 'a' || el.localName === 'area') && el.hasAttribute('href'),
    status: (el) => el.localName === 'output',
    textbox: (el) =>
      el.localName === 'textarea' ||
      (el.localName === 'input' &&
        ['text', 'email', 'url', 'search', 'tel', ''].includes(el.getAttribute('type') ?? '')),
    checkbox: (el) => el.localName === 'input' && (el as HTMLInputElement).type === 'checkbox',
    heading: (el) => /^h[1-6]$/.test(el.localName),
    list: (el) => el.localName === 'ul' || el.localName === 'ol',
    listitem: (el) => el.localName === 'li',
  };
  const hasRole = (el: Element, role: string) => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/).includes(role);
    return IMPLICIT[role]?.(el) ?? false;
  };
  const byIds = (el: Element, attr: string) =>
    (el.getAttribute(attr) ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id))
      .filter((e): e is HTMLElement => Boolean(e));
  const accessibleName = (el: Element): string => {
    const labelledBy = byIds(el, 'aria-labelledby');
    if (labelledBy.length) return norm(labelledBy.map((e) => e.textContent).join(' '));
    const label = el.getAttribute('aria-label');
    if (label && norm(label)) return norm(label);
    if (el.localName === 'input') {
      const input = el as HTMLInputElement;
      if (['button', 'submit', 'reset'].includes(input.type)) return norm(input.value);
      const labels = Array.from(input.labels ?? []);
      if (labels.length) return norm(labels.map((l) => l.textContent).join(' '));
      return norm(input.getAttribute('title') ?? input.placeholder);
    }
    if (el.localName === 'textarea' || el.localName === 'select') {
      const labels = Array.from((el as HTMLTextAreaElement).labels ?? []);
      if (labels.length) return norm(labels.map((l) => l.textContent).join(' '));
    }
    return norm(el.textContent) || norm(el.getAttribute('title'));
  };
  const labelOf = (el: Element): string | null => {
    if (!['input', 'textarea', 'select'].includes(el.localName) && !el.hasAttribute('aria-label')) return null;
    const labels = Array.from((el as HTMLInputElement).labels ?? []).map((l) => norm(l.textContent));
    const aria = el.getAttribute('aria-label');
    const labelledBy = byIds(el, 'aria-labelledby').map((e) => norm(e.textContent));
    return [...labels, ...(aria ? [norm(aria)] : []), ...labelledBy].join('\n') || null;
  };

  let found: Element[] = [document.documentElement];
  let scopeIsDocument = true;
  for (const step of chain) {
    if (step.kind === 'nth') {
      const picked = step.index < 0 ? found[found.length + step.index] : found[step.index];
      found = picked ? [picked] : [];
      continue;
    }
    const pool = new Set<Element>();
    for (const scope of found) {
      const candidates = scopeIsDocument ? [scope, ...descendants(scope)] : descendants(scope);
      for (const el of candidates) pool.add(el);
    }
    scopeIsDocument = false;
    found = [...pool].filter((el) => {
      if (step.kind === 'testId') return el.getAttribute('data-testid') === step.value;
      if (step.kind === 'css') return el.matches(step.value);
      if (step.kind === 'label') {
        const label = labelOf(el);
        return Boolean(label?.split('\n').some((l) => matches(l, step.value)));
      }
      return hasRole(el, step.role) && !isHidden(el) && (!step.name || matches(accessibleName(el), step.name));
    });
  }

  const one = (): Element | null => {
    if (found.length > 1) throw new Error(`strict mode violation: ${found.length} elements match`);
    return found[0] ?? null;
  };
  const deepActive = () => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
  const isVisible = (el: Element) => {
    const box = el.getBoundingClientRect();
    return !isHidden(el) && (box.width > 0 || box.height > 0);
  };
  const isEnabled = (el: Element) => !el.matches(':disabled') && el.getAttribute('aria-disabled') !== 'true';

  if (!probe) {
    const el = one();
    if (!el) throw new Error('no element matches');
    return el;
  }
  try {
    switch (probe.op) {
      case 'count':
        return { ok: true, value: found.length } satisfies ProbeAnswer;
      case 'texts':
        return { ok: true, value: found.map((el) => norm(el.textContent)) } satisfies ProbeAnswer;
      case 'attrs':
        return { ok: true, value: found.map((el) => el.getAttribute(probe.name)) } satisfies ProbeAnswer;
      case 'actionable': {
        // For a click or typing: exactly one element, rendered and enabled.
        if (found.length !== 1) return { ok: true, value: `${found.length} elements match` } satisfies ProbeAnswer;
        const el = found[0]!;
        if (!isVisible(el)) return { ok: true, value: 'the element is not visible' } satisfies ProbeAnswer;
        if (!isEnabled(el)) return { ok: true, value: 'the element is disabled' } satisfies ProbeAnswer;
        return { ok: true, value: null } satisfies ProbeAnswer;
      }
    }
    const el = one();
    switch (probe.op) {
      case 'text':
        return { ok: true, value: el ? norm(el.textContent) : null } satisfies ProbeAnswer;
      case 'attr':
        return { ok: true, value: el ? el.getAttribute(probe.name) : null } satisfies ProbeAnswer;
      case 'value':
        return { ok: true, value: el ? (el as HTMLInputElement).value : null } satisfies ProbeAnswer;
      case 'visible':
        return { ok: true, value: el ? isVisible(el) : false } satisfies ProbeAnswer;
      case 'focused':
        return { ok: true, value: el ? deepActive() === el : false } satisfies ProbeAnswer;
      case 'enabled':
        return { ok: true, value: el ? isEnabled(el) : false } satisfies ProbeAnswer;
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ProbeAnswer;
  }
}
