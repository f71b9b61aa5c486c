import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { getAuthMe } from '@/lib/api/reads';
import { DEFAULT_ORIGIN, checkOrigin } from '@/lib/api/origin';
import { clampInterval, clampReminderLead, INTERVAL_SEC, minIntervalSec, REMINDER_LEAD_MIN } from '@/lib/settings';
import type { Settings } from '@/lib/state';
import { readParts, writeParts } from '@/lib/store';
import { send } from '@/utils/messaging';
import {
  assessToken,
  originProblemMessage,
  saveFailureMessage,
  TOKEN_PREFIX,
  tokenFormatProblem,
  type TokenAssessment,
} from '@/lib/token-check';
import { NotificationRules } from './NotificationRules';
import { hostPermissionFor, requestOrigin, revokeOrigin } from './permissions';
import { Welcome } from './Welcome';

type Status = { tone: 'error' | 'ok' | 'busy'; text: string } | null;

/** "Token of Mira Chen (mira@example.com), labelled “ci-runner”, account owner." */
function accountLine(account: NonNullable<Settings['account']>, email: string | null | undefined): string {
  const t = i18n.t;
  const name = account.name ?? t('options.account.unnamed');
  const label = account.tokenLabel;
  const who = email
    ? label
      ? t('options.account.whoWithEmailLabelled', [name, email, label])
      : t('options.account.whoWithEmail', [name, email])
    : label
      ? t('options.account.whoLabelled', [name, label])
      : t('options.account.who', [name]);
  return account.isOwner ? t('options.account.owner', [who]) : t('options.account.member', [who]);
}

export function Options({
  initialSettings,
  hasToken: initiallyHasToken,
}: {
  initialSettings: Settings;
  hasToken: boolean;
}) {
  const [saved, setSaved] = useState(initialSettings);
  const [hasToken, setHasToken] = useState(initiallyHasToken);
  const [token, setToken] = useState('');
  const [showToken, setShowToken] = useState(false);
  const [origin, setOrigin] = useState(initialSettings.origin);
  const [interval, setIntervalText] = useState(String(initialSettings.intervalSec));
  const [notifyNew, setNotifyNew] = useState(initialSettings.notifyNew);
  const [notifyReminders, setNotifyReminders] = useState(initialSettings.notifyReminders);
  const [lead, setLead] = useState(String(initialSettings.reminderLeadMin));
  const [status, setStatus] = useState<Status>(null);
  const [assessment, setAssessment] = useState<TokenAssessment | null>(null);
  const minInterval = minIntervalSec(import.meta.env.BROWSER, import.meta.env.MODE === 'e2e');
  const t = i18n.t;

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = checkOrigin(origin);
    if (!checked.ok) return setStatus({ tone: 'error', text: originProblemMessage(checked.reason, t) });
    const newToken = token.trim();
    if (!newToken && !hasToken) return setStatus({ tone: 'error', text: t('options.status.tokenFirst') });
    // A saved token goes only to the address it was saved for: a new address needs its own token.
    if (!newToken && checked.origin !== saved.origin) {
      return setStatus({ tone: 'error', text: t('options.status.tokenForNewOrigin', [checked.origin, saved.origin]) });
    }
    if (newToken) {
      const problem = tokenFormatProblem(newToken, t);
      if (problem) return setStatus({ tone: 'error', text: problem });
    }
    // Ask for the origin first, while this click still counts as the user's gesture.
    if (!(await requestOrigin(checked.origin))) {
      return setStatus({ tone: 'error', text: t('options.status.permissionDenied', [checked.origin]) });
    }
    setStatus({ tone: 'busy', text: t('options.status.checking', [checked.origin]) });
    const tokenToCheck = newToken || ((await readParts(browser.storage.local, ['token'])).token ?? '');
    const me = await getAuthMe({ origin: checked.origin, token: tokenToCheck });
    if (!me.ok) return setStatus({ tone: 'error', text: saveFailureMessage(me.error, checked.origin, t) });
    const result = assessToken(me.data, t);
    const settings: Settings = {
      ...saved,
      origin: checked.origin,
      intervalSec: clampInterval(Number(interval), minInterval),
      notifyNew,
      notifyReminders,
      reminderLeadMin: clampReminderLead(Number(lead)),
      account: { name: result.name, tokenLabel: result.tokenLabel, scopes: result.scopes, isOwner: result.isOwner },
    };
    // The token is bound to the URL it was checked with: the background sends it nowhere else.
    await writeParts(browser.storage.local, {
      settings,
      credential: { origin: settings.origin, token: tokenToCheck },
      token: tokenToCheck,
    });
    if (saved.origin !== settings.origin) await revokeOrigin(saved.origin);
    setSaved(settings);
    setHasToken(true);
    setToken('');
    setIntervalText(String(settings.intervalSec));
    setAssessment(result);
    setStatus({ tone: 'ok', text: t('options.status.saved') });
  };

  const forget = async () => {
    await writeParts(browser.storage.local, { token: null, credential: null, settings: { ...saved, account: null } });
    setSaved({ ...saved, account: null });
    setHasToken(false);
    setAssessment(null);
    setStatus({ tone: 'ok', text: t('options.status.forgotten') });
  };

  const testNotification = async () => {
    const result = await send({ type: 'testNotification' });
    setStatus(result.ok ? { tone: 'ok', text: t('options.status.testSent') } : { tone: 'error', text: result.message });
  };

  const account = saved.account;
  return (
    <main class="options">
      <h1>{t('extName')}</h1>
      <p class="lead">{t('options.lead')}</p>
      {hasToken ? null : <Welcome typedOrigin={origin} savedOrigin={saved.origin} />}
      <form onSubmit={(e) => void save(e)} autocomplete="off">
        <div class="field">
          <label for="token">{t('options.token.label')}</label>
          <div class="inline">
            <input
              id="token"
              name="ot-api-token"
              // (Preact's types want one literal per element; both are valid here.)
              type={(showToken ? 'text' : 'password') as 'password'}
              autocomplete="off"
              spellcheck={false}
              placeholder={hasToken ? t('options.token.placeholderSaved') : `${TOKEN_PREFIX}…`}
              value={token}
              onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)}
            />
            <button
              type="button"
              onClick={() => setShowToken(!showToken)}
              aria-pressed={showToken}
              aria-label={showToken ? t('options.token.hideLabel') : t('options.token.showLabel')}
            >
              {showToken ? t('options.token.hide') : t('options.token.show')}
            </button>
          </div>
          <p class="hint">{t('options.token.hint')}</p>
        </div>
        <div class="field">
          <label for="origin">{t('options.origin.label')}</label>
          <input
            id="origin"
            type="url"
            value={origin}
            onInput={(e) => setOrigin((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint">{t('options.origin.hint', [DEFAULT_ORIGIN])}</p>
        </div>
        <div class="field">
          <label for="interval">{t('options.interval.label')}</label>
          <input
            id="interval"
            type="number"
            min={minInterval}
            max={INTERVAL_SEC.max}
            value={interval}
            onInput={(e) => setIntervalText((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <fieldset>
          <legend>{t('options.notifications.legend')}</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={notifyNew}
              onChange={(e) => setNotifyNew((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t('options.notifications.new')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={notifyReminders}
              onChange={(e) => setNotifyReminders((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t('options.notifications.reminders')}
          </label>
          <label for="lead">{t('options.notifications.lead')}</label>
          <input
            id="lead"
            type="number"
            min={REMINDER_LEAD_MIN.min}
            max={REMINDER_LEAD_MIN.max}
            value={lead}
            disabled={!notifyReminders}
            onInput={(e) => setLead((e.currentTarget as HTMLInputElement).value)}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={status?.tone === 'busy'}>
            {t('options.save')}
          </button>
          <button type="button" onClick={() => void testNotification()}>
            {t('options.testNotification')}
          </button>
          <button type="button" onClick={() => void forget()} disabled={!hasToken}>
            {t('options.forget')}
          </button>
        </div>
      </form>
      {status ? (
        <p
          class={`status status-${status.tone}`}
          role={status.tone === 'error' ? 'alert' : 'status'}
          data-testid="options-status"
        >
          {status.text}
        </p>
      ) : null}
      {account ? (
        <section class="account" aria-label={t('options.account.label')} data-testid="account">
          <h2>{t('options.account.heading')}</h2>
          <p>{accountLine(account, assessment?.email)}</p>
          <p>
            {t('options.account.scopes')}{' '}
            <span data-testid="scopes">{account.scopes.join(', ') || t('options.account.noScopes')}</span>
          </p>
          <p class="hint">{t('options.account.reaches', [hostPermissionFor(saved.origin)])}</p>
        </section>
      ) : null}
      {assessment?.warnings.length ? (
        <ul class="warnings" data-testid="warnings">
          {assessment.warnings.map((w) => (
            <li key={w.text} class={w.blocking ? 'warning blocking' : 'warning'} data-warning={w.id}>
              {w.text}
            </li>
          ))}
        </ul>
      ) : null}
      <NotificationRules rules={saved} onSaved={(rules) => setSaved((before) => ({ ...before, ...rules }))} />
    </main>
  );
}
