// @vitest-environment happy-dom
/** The extension in German: the German catalogue as the fake browser's, getUILanguage() = 'de'. */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { ApprovalPanel } from '@/components/ApprovalPanel';
import { badgeFor } from '@/lib/badge';
import { planNotifications } from '@/lib/notifications';
import { popupListFor } from '@/lib/popup-list';
import type { PopupState } from '@/lib/popup-view';
import { defaultState } from '@/lib/state';
import { HOUR, MINUTE } from '@/lib/time';
import { assessToken, saveFailureMessage } from '@/lib/token-check';
import { authMeSchema } from '@/lib/api/schemas';
import { approval, context } from '../support/approvals';
import { fixture } from '../support/fixtures';
import { useLocale } from '../support/i18n';
import {
  approvals as common,
  contexts as commonContexts,
  failingStatus,
  NOW,
  showPopup,
  usePopupClock,
} from '../support/popup-fixtures';

const t = i18n.t;

beforeAll(() => useLocale('de'));
usePopupClock();

const approvals = [
  ...common,
  approval({ id: 'hire', type: 'proposal_hire', contractId: null, milestoneId: null }, NOW, 30 * HOUR),
];
const contexts = {
  ...commonContexts,
  hire: context({ proposal: { candidateName: 'Amara O.' }, milestone: undefined }),
};
const snapshot = { fetchedAt: NOW - 2 * MINUTE, serverOffsetMs: 0, complete: true, approvals };

/** The list as the background stores it; the popup words each headline itself, from its subject. */
function stateWith(pollStatus: PopupState['pollStatus'] = defaultState().pollStatus): PopupState {
  return { token: 'ot_pat_x', pollStatus, popupList: popupListFor(snapshot, contexts, t) };
}
const failing = failingStatus;
const show = showPopup;
/** Everything a person reads, or hears from a screen reader. */
const readable = () =>
  [
    document.body.textContent,
    ...[...document.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title'].map((name) => el.getAttribute(name) ?? ''),
    ),
  ].join('\n');
/** English words of the catalogue that must not show through in German. */
const ENGLISH = /\b(approvals?|expires?|Updated|asked|waiting|Refresh|Loading|Showing|Retrying|Check|Open in)\b/;

describe('the popup in German', () => {
  it('lists the approvals in German, with German amounts, countdowns and relative times', () => {
    show(stateWith());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('OpenTrain-Freigaben');
    const rows = screen.getAllByTestId('approval-row');
    expect(rows.map((r) => r.dataset.approvalId)).toEqual(['soon', 'mid', 'hire', 'late']);
    expect(rows[0]!.textContent).toContain('Meilenstein „First labeling batch“ finanzieren300,00\u00a0$');
    expect(rows[0]!.textContent).toContain('läuft in 40 Min. ab');
    expect(rows[0]!.textContent).toContain('angefragt vor 1 Stunde');
    expect(rows[1]!.textContent).toContain('Zahlung für „Polygon QA round 1“ freigeben1.200,00\u00a0$');
    expect(rows[1]!.textContent).toContain('läuft in 5 Std. ab');
    expect(rows[2]!.textContent).toContain('Amara O. einstellen');
    expect(rows[2]!.textContent).toContain('läuft in 1 Tg. 6 Std. ab');
    expect(rows[3]!.textContent).toContain('Vertrag „Podcast Transcription Contract“ beenden600,00\u00a0$');
    expect(rows[3]!.textContent).toContain('läuft in 2 Tg. 2 Std. ab');
    expect(within(rows[0]!).getByRole('button').getAttribute('aria-label')).toBe(
      'In OpenTrain öffnen: Meilenstein „First labeling batch“ finanzieren, 300,00\u00a0$',
    );
    expect(within(rows[0]!).getByRole('button').textContent).toBe('Öffnen');
    expect(screen.getByTestId('updated').textContent).toBe('Aktualisiert vor 2 Minuten');
    expect(screen.getByTestId('refresh').textContent).toBe('Aktualisieren');
    expect(screen.getByRole('list').getAttribute('aria-label')).toBe(
      'Ausstehende Freigaben, die am frühesten ablaufende zuerst',
    );
    expect(document.querySelector('.sr-only')!.textContent).toBe('4 wartend');
    expect(readable()).not.toMatch(ENGLISH);
  });

  it('says what failed and what to do, in German', () => {
    show(stateWith(failing({ kind: 'server', status: 503 })));
    expect(screen.getByRole('alert').textContent).toBe(
      'OpenTrain hat mit einem Fehler geantwortet (HTTP 503). Angezeigt wird die zuletzt abgerufene Liste. ' +
        'Ein neuer Versuch erfolgt automatisch. Wenn das anhält, prüfen Sie den Status von OpenTrain oder öffnen Sie die App direkt.',
    );
    cleanup();
    show(stateWith(failing({ kind: 'rate_limited', retryAfterMs: 90_000 }, NOW + 90_000)));
    expect(screen.getByRole('status').textContent).toContain('Sie müssen nichts tun. Neuer Versuch in 1 Min.');
    cleanup();
    show(stateWith(failing({ kind: 'forbidden', requiredScopes: ['payments:read'] })));
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Dieses Token kann keine Freigaben lesen: Ihm fehlt der Scope payments:read.');
    expect(within(banner).getByRole('button').textContent).toBe('Optionen öffnen');
    expect(readable()).not.toMatch(ENGLISH);
  });

  it('the first-run, loading and empty states', () => {
    show({ token: null, pollStatus: defaultState().pollStatus, popupList: null });
    expect(screen.getByTestId('state-setup').textContent).toBe(
      'Verbinden Sie Ihr OpenTrain-Konto, um die Ausgabenfreigaben zu sehen, auf die Ihre Agenten warten.' +
        'Optionen öffnen und API-Token hinzufügen',
    );
    cleanup();
    show({ token: 'ot_pat_x', pollStatus: defaultState().pollStatus, popupList: null });
    expect(screen.getByTestId('state-loading').textContent).toBe('Ihre ausstehenden Freigaben werden geladen…');
    expect(screen.getByTestId('updated').textContent).toBe('Noch nicht aktualisiert');
    cleanup();
    show({ ...stateWith(), popupList: popupListFor({ ...snapshot, approvals: [] }, {}, t) });
    expect(screen.getByTestId('state-empty').textContent).toBe('Nichts wartet auf Sie.');
  });
});

describe('the approval panel in German', () => {
  it('labels, risks, amounts and dates in German', () => {
    const fund = approval({ id: 'soon', type: 'milestone_fund' }, NOW, 40 * MINUTE);
    render(
      <ApprovalPanel
        data={{
          ok: true,
          approval: fund,
          context: context({ estimatedTotalUsd: 250 }),
          serverOffsetMs: 0,
          othersOnContract: 2,
          collapsed: false,
          fresh: true,
        }}
        collapsed={false}
        nowMs={NOW}
        onToggle={() => {}}
      />,
    );
    const panel = screen.getByTestId('ot-panel');
    expect(panel.getAttribute('lang')).toBe('de');
    expect(panel.getAttribute('aria-label')).toBe('Anfrage des Agenten (OpenTrain Freigabe-Begleiter)');
    expect(screen.getByTestId('ot-headline').textContent).toBe('Meilenstein „First labeling batch“ finanzieren');
    expect(screen.getByTestId('ot-amount').textContent).toBe('300,00\u00a0$');
    expect(screen.getByTestId('ot-status').textContent).toBe('ausstehend · läuft in 40 Min. ab');
    expect(screen.getByTestId('ot-requested').textContent).toMatch(
      /^Angefragt\d\d\.11\.2026, \d\d:\d\d \(vor 1 Stunde\)$/,
    );
    const risks = [...screen.getByTestId('ot-risks').querySelectorAll('li')].map((li) => li.textContent);
    expect(risks).toEqual([
      'Läuft in 40 Min. ab: Entscheiden Sie jetzt, sonst muss der Agent erneut fragen.',
      'Der Meilensteinbetrag von 300,00\u00a0$ liegt über der geschätzten Gesamtsumme des Vertrags von 250,00\u00a0$.',
      'Für diesen Vertrag stehen 2 weitere Freigaben aus.',
    ]);
    expect(screen.getByTestId('ot-context').textContent).toContain('FreelancerMaria G. (Spain)');
    expect(screen.getByTestId('ot-context').textContent).toContain('Fällig01.07.2026');
    expect(readable()).not.toMatch(ENGLISH);
  });

  it('a hire: the fees formatted in German', () => {
    const hire = approval({ id: 'h', type: 'proposal_hire', contractId: null, milestoneId: null }, NOW, 30 * HOUR);
    render(
      <ApprovalPanel
        data={{
          ok: true,
          approval: hire,
          context: context({ proposal: { candidateName: 'Amara O.', bidAmountUsd: 18, bidUnit: 'PER_HOUR' } }),
          serverOffsetMs: 0,
          othersOnContract: 0,
          collapsed: false,
          fresh: true,
        }}
        collapsed={false}
        nowMs={NOW}
        onToggle={() => {}}
      />,
    );
    expect(screen.getByTestId('ot-risks').textContent).toContain(
      'Hinzu kommen eine Marktplatzgebühr von 10\u00a0% und eine Vertragsgebühr von 9,95\u00a0$.',
    );
    expect(screen.getByTestId('ot-context').textContent).toContain('Gebot18,00\u00a0$ pro Stunde');
  });
});

describe('badge and notifications in German, once the background passes t and the locale', () => {
  it('the tooltip', () => {
    const badge = badgeFor(
      {
        hasToken: true,
        snapshot: { approvals, fetchedAt: NOW - 2 * MINUTE, serverOffsetMs: 0 },
        error: null,
        locale: 'de',
        t,
      },
      NOW,
    );
    // (The time of day is the machine's; its German form is "09:58".)
    expect(badge.title).toMatch(
      /^OpenTrain-Freigaben: 4 Freigaben warten auf Sie\. Die nächste läuft in 40 Min\. ab\. Aktualisiert um \d\d:\d\d\.$/,
    );
    expect(badgeFor({ hasToken: true, snapshot: null, error: null, t }, NOW).title).toBe(
      'OpenTrain-Freigaben: Ihre ausstehenden Freigaben werden geladen…',
    );
  });

  it('a new approval, a group and a reminder', () => {
    const base = {
      contexts,
      notified: {},
      settings: { notifyNew: true, notifyReminders: true, reminderLeadMin: 120 },
      nowMs: NOW,
      serverOffsetMs: 0,
      locale: 'de',
      t,
    };
    expect(planNotifications({ ...base, approvals: [approvals[2]!] }).show).toEqual([
      {
        id: 'new:mid',
        title: 'Neue Freigabe wartet',
        message: 'Zahlung für „Polygon QA round 1“ freigeben, 1.200,00\u00a0$, Kenji T. Sie läuft in 5 Std. ab.',
      },
    ]);
    const group = planNotifications({ ...base, approvals }).show[0]!;
    expect(group.title).toBe('4 neue Freigaben warten');
    expect(group.message).toBe(
      'Meilenstein „First labeling batch“ finanzieren; Zahlung für „Polygon QA round 1“ freigeben und 2 weitere. ' +
        'Die nächste läuft in 40 Min. ab.',
    );
    const later = planNotifications({
      ...base,
      approvals: [approvals[2]!],
      notified: planNotifications({ ...base, approvals: [approvals[2]!] }).notified,
      nowMs: NOW + 3 * HOUR + MINUTE,
    });
    expect(later.show[0]).toMatchObject({
      title: 'Freigabe läuft in 1 Std. 59 Min. ab',
      message:
        'Zahlung für „Polygon QA round 1“ freigeben, 1.200,00\u00a0$, Kenji T. Bestätigen oder lehnen Sie sie in OpenTrain ab, bevor sie abläuft.',
    });
  });
});

describe('the options page’s words in German', () => {
  const me = authMeSchema.parse(fixture('auth-me.json'));
  it('token warnings and save failures', () => {
    const warnings = assessToken({ ...me, token: { ...me.token, scopes: ['payments:read'] } }, t).warnings;
    expect(warnings.map((w) => w.text)).toEqual([
      'Ohne proposals:read zeigen Einstellungsanfragen weder Kandidaten noch Gebot oder Jobtitel.',
      'Ohne jobs:read fehlen die Jobtitel im Popup und im Freigabebereich.',
    ]);
    expect(saveFailureMessage({ kind: 'timeout', afterMs: 30_000 }, 'https://x.example', t)).toBe(
      'https://x.example hat nicht innerhalb von 30 s geantwortet. Prüfen Sie die OpenTrain-URL oder versuchen Sie es später erneut. Ihre bisherigen Einstellungen bleiben aktiv.',
    );
  });
});
