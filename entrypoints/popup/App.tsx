import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { ApprovalRow } from '@/components/ApprovalRow';
import { uiLocale } from '@/components/locale';
import { ProblemBanner } from '@/components/ProblemBanner';
import { useNow } from '@/components/use-now';
import { formatRelative } from '@/lib/format';
import { popupView, type PopupState } from '@/lib/popup-view';
import { send } from '@/utils/messaging';
import { watchPopupState } from './popup-state';

/** Rows painted in the first frame; the rest follow right after, so the first screen is never late. */
export const FIRST_SCREEN_ROWS = 30;

export function App({ initial, autoRefresh = true }: { initial: PopupState; autoRefresh?: boolean }) {
  const [state, setState] = useState(initial);
  const [refreshing, setRefreshing] = useState(false);
  const [shown, setShown] = useState(FIRST_SCREEN_ROWS);
  const [trackMessage, setTrackMessage] = useState<string | null>(null);
  const nowMs = useNow(15_000);
  const list = useRef<HTMLUListElement>(null);
  const t = i18n.t;
  const locale = uiLocale();
  const view = popupView(state, nowMs, t);

  const refresh = async () => {
    setRefreshing(true);
    try {
      await send({ type: 'refresh' });
    } finally {
      setRefreshing(false);
    }
  };

  useEffect(() => watchPopupState(setState), []);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTimeout(() => setShown(Infinity), 0));
    if (autoRefresh && initial.token) void refresh();
    return () => cancelAnimationFrame(frame);
  }, []);

  const open = async (approvalId: string) => {
    await send({ type: 'open', approvalId });
    window.close();
  };
  const openOptions = () => void browser.runtime.openOptionsPage();

  const onListKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('[data-row-button]') ?? [])];
    if (!buttons.length) return;
    event.preventDefault();
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const last = buttons.length - 1;
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : event.key === 'ArrowDown'
            ? Math.min(last, current + 1)
            : Math.max(0, current - 1);
    buttons[next]?.focus();
  };

  const onTrack = async (event: Event) => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('approval-link') as HTMLInputElement;
    const result = await send({ type: 'track', input: field.value });
    setTrackMessage(result.ok ? t('popup.tracked.following', [result.approvalId]) : result.message);
    if (result.ok) field.value = '';
  };

  if (view.kind === 'setup') {
    return (
      <main class="popup">
        <h1>{t('popup.heading')}</h1>
        <div class="state" data-testid="state-setup">
          <p>{t('popup.setup.text')}</p>
          <button type="button" class="primary" onClick={openOptions}>
            {t('popup.setup.button')}
          </button>
        </div>
      </main>
    );
  }

  const count = view.rows.length;
  return (
    <main class="popup">
      <header>
        <h1>
          {t('popup.heading')}{' '}
          <span class="count" data-testid="count" aria-hidden="true">
            {count}
          </span>
          <span class="sr-only">{t('popup.waiting', count)}</span>
        </h1>
        <span class="updated" data-testid="updated">
          {view.updatedAt ? t('popup.updated', [formatRelative(view.updatedAt, nowMs, locale)]) : t('popup.notUpdated')}
        </span>
        <button
          type="button"
          class="refresh"
          onClick={() => void refresh()}
          disabled={refreshing}
          aria-label={t('popup.refreshLabel')}
          data-testid="refresh"
        >
          {refreshing ? t('popup.refreshing') : t('popup.refresh')}
        </button>
      </header>
      {view.banner ? (
        <ProblemBanner title={view.banner.title} action={view.banner.action} tone={view.banner.tone}>
          {view.banner.toOptions ? (
            <button type="button" class="link" onClick={openOptions}>
              {t('popup.openOptions')}
            </button>
          ) : null}
        </ProblemBanner>
      ) : null}
      {view.tracked ? (
        <section class="tracked" data-testid="tracked-mode" aria-label={t('popup.tracked.label')}>
          <p>{t('popup.tracked.text')}</p>
          <form onSubmit={(e) => void onTrack(e)}>
            <label for="approval-link">{t('popup.tracked.linkLabel')}</label>
            <input
              id="approval-link"
              name="approval-link"
              type="url"
              placeholder={t('popup.tracked.linkPlaceholder')}
              required
            />
            <button type="submit">{t('popup.tracked.follow')}</button>
          </form>
          {trackMessage ? <p role="status">{trackMessage}</p> : null}
        </section>
      ) : null}
      {view.kind === 'loading' ? (
        <p class="state" data-testid="state-loading" role="status">
          {t('popup.loading')}
        </p>
      ) : null}
      {view.kind === 'empty' ? (
        <p class="state" data-testid="state-empty">
          {t('popup.empty')}
        </p>
      ) : null}
      {view.kind === 'list' ? (
        <ul
          class="approvals"
          ref={list}
          onKeyDown={onListKey}
          aria-label={t('popup.listLabel')}
          data-testid="approvals"
        >
          {view.rows.slice(0, shown).map((row, index) => (
            <ApprovalRow
              key={row.id}
              row={row}
              first={index === 0}
              nowMs={nowMs}
              serverOffsetMs={view.serverOffsetMs}
              locale={locale}
              onOpen={(id) => void open(id)}
            />
          ))}
        </ul>
      ) : null}
    </main>
  );
}
