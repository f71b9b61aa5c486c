/**
 * Options: quiet hours, break-through and the notification filters. Saved on their own (only the
 * settings part, no token check), so changing when to be notified never asks for the token again.
 */
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { uiLocale } from '@/components/locale';
import { actionLabel, KNOWN_TYPES } from '@/lib/approval-text';
import { formatDuration } from '@/lib/format';
import {
  formFromRules,
  type NotificationRules as Rules,
  type RulesForm,
  type RulesProblem,
  rulesFromForm,
  WEEK_ORDER,
  weekdayName,
} from '@/lib/notification-rules';
import { BREAK_THROUGH_WITHIN_MS } from '@/lib/settings';
import { readParts, writeParts } from '@/lib/store';

type Status = { tone: 'error' | 'ok'; text: string } | null;

const PROBLEMS = {
  time: 'options.rules.error.time',
  days: 'options.rules.error.days',
  amount: 'options.rules.error.amount',
} as const satisfies Record<RulesProblem, string>;

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

const checkedOf = (e: Event) => (e.currentTarget as HTMLInputElement).checked;
const textOf = (e: Event) => (e.currentTarget as HTMLInputElement).value;

export function NotificationRules({ rules, onSaved }: { rules: Rules; onSaved: (rules: Rules) => void }) {
  const t = i18n.t;
  const locale = uiLocale();
  const [form, setForm] = useState<RulesForm>(() => formFromRules(rules));
  const [status, setStatus] = useState<Status>(null);
  const set = (change: Partial<RulesForm>) => {
    setForm({ ...form, ...change });
    setStatus(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const read = rulesFromForm(form);
    if (!read.ok) return setStatus({ tone: 'error', text: t(PROBLEMS[read.problem]) });
    // Only these fields change: the URL, token and account stay as Options last saved them.
    const { settings } = await readParts(browser.storage.local, ['settings']);
    await writeParts(browser.storage.local, { settings: { ...settings, ...read.rules } });
    setForm(formFromRules(read.rules));
    onSaved(read.rules);
    setStatus({ tone: 'ok', text: t('options.rules.saved') });
  };

  return (
    <section class="rules" aria-labelledby="rules-heading" data-testid="notification-rules">
      <h2 id="rules-heading">{t('options.rules.heading')}</h2>
      <p class="hint">{t('options.rules.hint')}</p>
      {/* The catalogue's messages, not the browser's own bubbles, say what is wrong. */}
      <form onSubmit={(e) => void save(e)} autocomplete="off" noValidate>
        <fieldset>
          <legend>{t('options.rules.quiet.legend')}</legend>
          <label class="check">
            <input type="checkbox" checked={form.quietEnabled} onChange={(e) => set({ quietEnabled: checkedOf(e) })} />{' '}
            {t('options.rules.quiet.enabled')}
          </label>
          <fieldset class="days">
            <legend>{t('options.rules.quiet.days')}</legend>
            {WEEK_ORDER.map((day) => (
              <label class="check" key={day}>
                <input
                  type="checkbox"
                  checked={form.days.includes(day)}
                  onChange={(e) => set({ days: toggled(form.days, day, checkedOf(e)) })}
                />{' '}
                {weekdayName(day, locale)}
              </label>
            ))}
          </fieldset>
          <div class="inline times">
            <div>
              <label for="quiet-start">{t('options.rules.quiet.start')}</label>
              <input id="quiet-start" type="time" value={form.start} onInput={(e) => set({ start: textOf(e) })} />
            </div>
            <div>
              <label for="quiet-end">{t('options.rules.quiet.end')}</label>
              <input id="quiet-end" type="time" value={form.end} onInput={(e) => set({ end: textOf(e) })} />
            </div>
          </div>
          <p class="hint">{t('options.rules.quiet.hint')}</p>
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={form.breakThrough} onChange={(e) => set({ breakThrough: checkedOf(e) })} />{' '}
          {t('options.rules.breakThrough', [formatDuration(BREAK_THROUGH_WITHIN_MS, t)])}
        </label>
        <fieldset>
          <legend>{t('options.rules.filters.legend')}</legend>
          <fieldset class="types">
            <legend>{t('options.rules.filters.types')}</legend>
            {KNOWN_TYPES.map((type) => (
              <label class="check" key={type}>
                <input
                  type="checkbox"
                  checked={form.notifyTypes.includes(type)}
                  onChange={(e) => set({ notifyTypes: toggled(form.notifyTypes, type, checkedOf(e)) })}
                />{' '}
                {actionLabel(type, t)}
              </label>
            ))}
          </fieldset>
          <label for="min-amount">{t('options.rules.filters.minAmount')}</label>
          <input
            id="min-amount"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={form.minAmount}
            aria-describedby="min-amount-hint"
            onInput={(e) => set({ minAmount: textOf(e) })}
          />
          <p class="hint" id="min-amount-hint">
            {t('options.rules.filters.minAmountHint')}
          </p>
          <p class="hint">{t('options.rules.filters.hint')}</p>
        </fieldset>
        <div class="actions">
          <button type="submit">{t('options.rules.save')}</button>
        </div>
      </form>
      {status ? (
        <p
          class={`status status-${status.tone}`}
          role={status.tone === 'error' ? 'alert' : 'status'}
          data-testid="rules-status"
        >
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
