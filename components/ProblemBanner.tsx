import type { ComponentChildren } from 'preact';

/** What went wrong and what to do, in the reviewer's words. */
export function ProblemBanner({
  title,
  action,
  tone = 'error',
  children,
}: {
  title: string;
  action?: string;
  tone?: 'error' | 'info';
  children?: ComponentChildren;
}) {
  return (
    <div class={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid="banner">
      <strong>{title}</strong>
      {action ? <span> {action}</span> : null}
      {children}
    </div>
  );
}
