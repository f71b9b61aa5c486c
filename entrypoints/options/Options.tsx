import { useState } from 'preact/hooks';
import { getAuthMe } from '@/lib/api/reads';
import { DEFAULT_ORIGIN, checkOrigin } from '@/lib/api/origin';
import { clampInterval, clampReminderLead, INTERVAL_SEC, minIntervalSec, REMINDER_LEAD_MIN } from '@/lib/settings';
import type { Settings } from '@/lib/state';
import { readParts, writeParts } from '@/lib/store';
import { send } from '@/utils/messaging';
import { assessToken, saveFailureMessage, tokenFormatProblem, type TokenAssessment } from '@/lib/token-check';
import { hostPermissionFor, requestOrigin, revokeOrigin } from './permissions';

type Status = { tone: 'error' | 'ok' | 'busy'; text: string } | null;

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

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = checkOrigin(origin);
    if (!checked.ok) return setStatus({ tone: 'error', text: checked.message });
    const newToken = token.trim();
    if (!newToken && !hasToken) return setStatus({ tone: 'error', text: 'Paste your OpenTrain API token first.' });
    if (newToken) {
      const problem = tokenFormatProblem(newToken);
      if (problem) return setStatus({ tone: 'error', text: problem });
    }
    // Ask for the origin first, while this click still counts as the user's gesture.
    if (!(await requestOrigin(checked.origin))) {
      return setStatus({
        tone: 'error',
        text: `Permission to reach ${checked.origin} was not granted, so the extension cannot talk to it. Click Save again and choose Allow. Your previous settings are still in use.`,
      });
    }
    setStatus({ tone: 'busy', text: `Checking the token with ${checked.origin}…` });
    const tokenToCheck = newToken || ((await readParts(browser.storage.local, ['token'])).token ?? '');
    const me = await getAuthMe({ origin: checked.origin, token: tokenToCheck });
    if (!me.ok) return setStatus({ tone: 'error', text: saveFailureMessage(me.error, checked.origin) });
    const result = assessToken(me.data);
    const settings: Settings = {
      origin: checked.origin,
      intervalSec: clampInterval(Number(interval), minInterval),
      notifyNew,
      notifyReminders,
      reminderLeadMin: clampReminderLead(Number(lead)),
      account: { name: result.name, tokenLabel: result.tokenLabel, scopes: result.scopes, isOwner: result.isOwner },
    };
    await writeParts(browser.storage.local, { settings, token: tokenToCheck });
    if (saved.origin !== settings.origin) await revokeOrigin(saved.origin);
    setSaved(settings);
    setHasToken(true);
    setToken('');
    setIntervalText(String(settings.intervalSec));
    setAssessment(result);
    setStatus({ tone: 'ok', text: 'Saved. The extension now uses this token and URL.' });
  };

  const forget = async () => {
    await writeParts(browser.storage.local, { token: null, settings: { ...saved, account: null } });
    setSaved({ ...saved, account: null });
    setHasToken(false);
    setAssessment(null);
    setStatus({
      tone: 'ok',
      text: 'The token was removed from this browser. The extension stops checking OpenTrain until you save a new one.',
    });
  };

  const testNotification = async () => {
    const result = await send({ type: 'testNotification' });
    setStatus(
      result.ok
        ? {
            tone: 'ok',
            text: 'A test notification was sent. If you did not see it, check your system’s notification settings for this browser.',
          }
        : { tone: 'error', text: result.message },
    );
  };

  const account = saved.account;
  return (
    <main class="options">
      <h1>OpenTrain Approvals Companion</h1>
      <p class="lead">
        Connect the account whose spending approvals you review. The extension only reads; money moves only when you
        confirm in OpenTrain.
      </p>
      <form onSubmit={(e) => void save(e)} autocomplete="off">
        <div class="field">
          <label for="token">API token</label>
          <div class="inline">
            <input
              id="token"
              name="ot-api-token"
              // (Preact's types want one literal per element; both are valid here.)
              type={(showToken ? 'text' : 'password') as 'password'}
              autocomplete="off"
              spellcheck={false}
              placeholder={hasToken ? 'A token is saved; paste a new one to replace it' : 'ot_pat_…'}
              value={token}
              onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)}
            />
            <button
              type="button"
              onClick={() => setShowToken(!showToken)}
              aria-pressed={showToken}
              aria-label={showToken ? 'Hide the token' : 'Show the token'}
            >
              {showToken ? 'Hide' : 'Show'}
            </button>
          </div>
          <p class="hint">
            In OpenTrain: Settings → API keys. Needs payments:read; proposals:read and jobs:read add context. Kept on
            this device only, never synced.
          </p>
        </div>
        <div class="field">
          <label for="origin">OpenTrain URL</label>
          <input
            id="origin"
            type="url"
            value={origin}
            onInput={(e) => setOrigin((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint">{`Default ${DEFAULT_ORIGIN}. Another address (staging, the local sandbox) asks for permission to reach it.`}</p>
        </div>
        <div class="field">
          <label for="interval">Check every (seconds)</label>
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
          <legend>Notifications</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={notifyNew}
              onChange={(e) => setNotifyNew((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            New approvals
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={notifyReminders}
              onChange={(e) => setNotifyReminders((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            Expiry reminders
          </label>
          <label for="lead">Remind me this many minutes before expiry</label>
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
            Save
          </button>
          <button type="button" onClick={() => void testNotification()}>
            Send test notification
          </button>
          <button type="button" onClick={() => void forget()} disabled={!hasToken}>
            Forget token
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
        <section class="account" aria-label="Connected account" data-testid="account">
          <h2>Connected</h2>
          <p>
            {`Token of ${account.name ?? 'an unnamed user'}${assessment?.email ? ` (${assessment.email})` : ''}`}
            {account.tokenLabel ? `, labelled “${account.tokenLabel}”` : ''}
            {account.isOwner ? ', account owner.' : ', team member.'}
          </p>
          <p>
            Scopes: <span data-testid="scopes">{account.scopes.join(', ') || 'none'}</span>
          </p>
          <p class="hint">{`Reaches ${hostPermissionFor(saved.origin)}`}</p>
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
    </main>
  );
}
