/** The approval page's panel: the agent's request, its context and its risks. All API text is rendered as text. */
import { i18n } from '#i18n';
import type { PanelResponse } from '@/lib/messages';
import { actionLabel, amountOf, apiCallFor, headline, statusLabel } from '@/lib/approval-text';
import type { ApprovalContext } from '@/lib/context';
import { formatDate, formatDateTime, formatRelative, formatUsd } from '@/lib/format';
import { riskSignals } from '@/lib/risk';
import { Countdown } from './Countdown';
import { uiLocale } from './locale';
import { ProblemBanner } from './ProblemBanner';

export interface PanelProps {
  data: PanelResponse | null;
  collapsed: boolean;
  nowMs: number;
  onToggle: () => void;
}

const BID_UNITS = { PER_HOUR: 'panel.bidUnit.PER_HOUR', PER_LABEL: 'panel.bidUnit.PER_LABEL' } as const;
const PARTS = {
  contract: 'panel.part.contract',
  proposal: 'panel.part.proposal',
  'job title': 'panel.part.jobTitle',
} as const;
const HIDDEN = {
  contract: 'panel.hidden.contract',
  proposal: 'panel.hidden.proposal',
  'job title': 'panel.hidden.jobTitle',
} as const;
const known = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);

/** "per hour"; a unit this version does not know, in lower case as the API says it. */
function bidUnit(unit: string): string {
  return known(BID_UNITS, unit) ? i18n.t(BID_UNITS[unit]) : unit.toLowerCase().replace(/_/g, ' ');
}

/** What a missing scope hid, and which scope would show it. */
function hiddenText({ part, scope }: ApprovalContext['missing'][number]): string {
  return known(HIDDEN, part) ? i18n.t(HIDDEN[part], [scope]) : i18n.t('panel.hidden.other', [part, scope]);
}

function Row({ label, value, testId }: { label: string; value: string | null | undefined; testId?: string }) {
  if (value == null || value === '') return null;
  return (
    <div class="row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function ApprovalPanel({ data, collapsed, nowMs, onToggle }: PanelProps) {
  const t = i18n.t;
  const locale = uiLocale();
  if (collapsed) {
    return (
      <button
        class="tab"
        type="button"
        lang={locale}
        onClick={onToggle}
        aria-expanded="false"
        aria-label={t('panel.tabLabel')}
        data-testid="ot-panel-tab"
      >
        {t('panel.tab')}
      </button>
    );
  }
  return (
    <section class="panel" lang={locale} aria-label={t('panel.label')} data-testid="ot-panel">
      <header>
        <span class="brand">{t('panel.title')}</span>
        <button
          type="button"
          class="collapse"
          onClick={onToggle}
          aria-expanded="true"
          aria-label={t('panel.collapseLabel')}
        >
          ›
        </button>
      </header>
      {data === null ? (
        <p class="muted">{t('panel.loading')}</p>
      ) : data.ok ? (
        <PanelBody data={data} nowMs={nowMs} locale={locale} />
      ) : (
        <ProblemBanner title={data.problem.title} action={data.problem.action} />
      )}
    </section>
  );
}

function PanelBody({
  data,
  nowMs,
  locale,
}: {
  data: Extract<PanelResponse, { ok: true }>;
  nowMs: number;
  locale: string;
}) {
  const t = i18n.t;
  const { approval, context, serverOffsetMs } = data;
  const created = Date.parse(approval.createdAt);
  const serverNow = nowMs + serverOffsetMs;
  const usd = (amount: number | null | undefined) => formatUsd(amount, locale);
  const amount = usd(amountOf(approval, context ?? undefined));
  const risks = riskSignals({
    approval,
    context,
    othersOnContract: data.othersOnContract,
    nowMs,
    serverOffsetMs,
    t,
    locale,
  });
  const milestone = context?.milestone;
  const proposal = context?.proposal;
  const call = apiCallFor(approval);
  const withCountry = (name: string, country: string | null | undefined) =>
    country ? t('panel.withCountry', [name, country]) : name;
  const who = context?.freelancerName ? withCountry(context.freelancerName, context.freelancerCountry) : null;
  const bid = proposal?.bidAmountUsd != null ? usd(proposal.bidAmountUsd) : null;
  return (
    <div class="body">
      {data.problem ? <ProblemBanner title={data.problem.title} action={data.problem.action} /> : null}
      <h2 data-testid="ot-headline">{headline(approval, context ?? undefined, t)}</h2>
      {amount ? (
        <p class="amount" data-testid="ot-amount">
          {amount}
        </p>
      ) : null}
      {risks.length ? (
        <>
          <h3>{t('panel.checkHeading')}</h3>
          <ul class="risks" data-testid="ot-risks">
            {risks.map((risk) => (
              <li key={risk.id} class={`risk risk-${risk.level}`} data-risk={risk.id}>
                {risk.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl>
        <Row label={t('panel.field.action')} value={actionLabel(approval.type, t)} />
        {call ? (
          <div class="row">
            <dt>{t('panel.field.apiCall')}</dt>
            <dd>
              <code data-testid="ot-call">{call}</code>
            </dd>
          </div>
        ) : null}
        <Row
          label={t('panel.field.requested')}
          value={
            Number.isNaN(created)
              ? null
              : t('panel.requestedAt', [formatDateTime(created, t, locale), formatRelative(created, serverNow, locale)])
          }
          testId="ot-requested"
        />
        <div class="row">
          <dt>{t('panel.field.status')}</dt>
          <dd data-testid="ot-status">
            {statusLabel(approval.status, t)}
            {approval.status === 'pending' ? (
              <>
                {' · '}
                <Countdown expiresAt={approval.expiresAt} nowMs={nowMs} serverOffsetMs={serverOffsetMs} />
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      <h3>{t('panel.contextHeading')}</h3>
      <dl data-testid="ot-context">
        <Row label={t('panel.field.contract')} value={context?.contractTitle} />
        <Row
          label={approval.type === 'proposal_hire' ? t('panel.field.candidate') : t('panel.field.freelancer')}
          value={proposal?.candidateName ? withCountry(proposal.candidateName, proposal.candidateCountry) : who}
        />
        <Row label={t('panel.field.job')} value={context?.jobTitle} />
        <Row label={t('panel.field.milestone')} value={milestone?.name} testId="ot-milestone" />
        <Row label={t('panel.field.description')} value={milestone?.description} />
        <Row label={t('panel.field.amount')} value={usd(milestone?.amountUsd)} />
        <Row
          label={t('panel.field.due')}
          value={milestone?.dueDate ? formatDate(Date.parse(milestone.dueDate), t, locale) : null}
        />
        <Row label={t('panel.field.milestoneStatus')} value={milestone?.status} />
        <Row
          label={t('panel.field.inEscrow')}
          value={approval.type === 'contract_end' ? usd(context?.fundedUsd) : null}
        />
        <Row label={t('panel.field.estimatedTotal')} value={usd(context?.estimatedTotalUsd)} />
        <Row label={t('panel.field.budget')} value={context?.budgetState} />
        <Row label={t('panel.field.contractStatus')} value={context?.contractStatus} />
        <Row
          label={t('panel.field.bid')}
          value={bid && proposal?.bidUnit ? t('panel.bid', [bid, bidUnit(proposal.bidUnit)]) : bid}
        />
        <Row label={t('panel.field.proposal')} value={proposal?.status} />
      </dl>
      {context?.missing.length ? (
        <ul class="missing" data-testid="ot-missing">
          {context.missing.map((m) => (
            <li key={m.part}>{hiddenText(m)}</li>
          ))}
        </ul>
      ) : null}
      {context?.unavailable.length ? (
        <p class="muted">
          {t('panel.unreadable', [
            context.unavailable.map((part) => (known(PARTS, part) ? t(PARTS[part]) : part)).join(', '),
          ])}
        </p>
      ) : null}
    </div>
  );
}
