/** The approval page's panel: the agent's request, its context and its risks. All API text is rendered as text. */
import type { PanelResponse } from '@/lib/messages';
import { actionLabel, amountOf, apiCallFor, headline } from '@/lib/approval-text';
import { formatDate, formatDateTime, formatRelative, formatUsd } from '@/lib/format';
import { riskSignals } from '@/lib/risk';
import { Countdown } from './Countdown';
import { ProblemBanner } from './ProblemBanner';

export interface PanelProps {
  data: PanelResponse | null;
  collapsed: boolean;
  nowMs: number;
  onToggle: () => void;
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
  if (collapsed) {
    return (
      <button
        class="tab"
        type="button"
        onClick={onToggle}
        aria-expanded="false"
        aria-label="Show the agent’s request"
        data-testid="ot-panel-tab"
      >
        Agent request
      </button>
    );
  }
  return (
    <section class="panel" aria-label="Agent request (OpenTrain Approvals Companion)" data-testid="ot-panel">
      <header>
        <span class="brand">Agent request</span>
        <button type="button" class="collapse" onClick={onToggle} aria-expanded="true" aria-label="Collapse the panel">
          ›
        </button>
      </header>
      {data === null ? (
        <p class="muted">Loading the agent’s request…</p>
      ) : data.ok ? (
        <PanelBody data={data} nowMs={nowMs} />
      ) : (
        <ProblemBanner title={data.problem.title} action={data.problem.action} />
      )}
    </section>
  );
}

function PanelBody({ data, nowMs }: { data: Extract<PanelResponse, { ok: true }>; nowMs: number }) {
  const { approval, context, serverOffsetMs } = data;
  const created = Date.parse(approval.createdAt);
  const serverNow = nowMs + serverOffsetMs;
  const amount = formatUsd(amountOf(approval, context ?? undefined));
  const risks = riskSignals({ approval, context, othersOnContract: data.othersOnContract, nowMs, serverOffsetMs });
  const milestone = context?.milestone;
  const proposal = context?.proposal;
  const call = apiCallFor(approval);
  const who = context?.freelancerName
    ? `${context.freelancerName}${context.freelancerCountry ? ` (${context.freelancerCountry})` : ''}`
    : null;
  return (
    <div class="body">
      {data.problem ? <ProblemBanner title={data.problem.title} action={data.problem.action} /> : null}
      <h2 data-testid="ot-headline">{headline(approval, context ?? undefined)}</h2>
      {amount ? (
        <p class="amount" data-testid="ot-amount">
          {amount}
        </p>
      ) : null}
      {risks.length ? (
        <>
          <h3>Check before you confirm</h3>
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
        <Row label="Action" value={actionLabel(approval.type)} />
        {call ? (
          <div class="row">
            <dt>API call</dt>
            <dd>
              <code data-testid="ot-call">{call}</code>
            </dd>
          </div>
        ) : null}
        <Row
          label="Requested"
          value={Number.isNaN(created) ? null : `${formatDateTime(created)} (${formatRelative(created, serverNow)})`}
          testId="ot-requested"
        />
        <div class="row">
          <dt>Status</dt>
          <dd data-testid="ot-status">
            {approval.status}
            {approval.status === 'pending' ? (
              <>
                {' · '}
                <Countdown expiresAt={approval.expiresAt} nowMs={nowMs} serverOffsetMs={serverOffsetMs} />
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      <h3>Context</h3>
      <dl data-testid="ot-context">
        <Row label="Contract" value={context?.contractTitle} />
        <Row
          label={approval.type === 'proposal_hire' ? 'Candidate' : 'Freelancer'}
          value={
            proposal?.candidateName
              ? `${proposal.candidateName}${proposal.candidateCountry ? ` (${proposal.candidateCountry})` : ''}`
              : who
          }
        />
        <Row label="Job" value={context?.jobTitle} />
        <Row label="Milestone" value={milestone?.name} testId="ot-milestone" />
        <Row label="Description" value={milestone?.description} />
        <Row label="Amount" value={formatUsd(milestone?.amountUsd)} />
        <Row label="Due" value={milestone?.dueDate ? formatDate(Date.parse(milestone.dueDate)) : null} />
        <Row label="Milestone status" value={milestone?.status} />
        <Row label="In escrow" value={approval.type === 'contract_end' ? formatUsd(context?.fundedUsd) : null} />
        <Row label="Estimated total" value={formatUsd(context?.estimatedTotalUsd)} />
        <Row label="Budget" value={context?.budgetState} />
        <Row label="Contract status" value={context?.contractStatus} />
        <Row
          label="Bid"
          value={
            proposal?.bidAmountUsd != null
              ? `${formatUsd(proposal.bidAmountUsd)}${proposal.bidUnit ? ` ${proposal.bidUnit.toLowerCase().replace(/_/g, ' ')}` : ''}`
              : null
          }
        />
        <Row label="Proposal" value={proposal?.status} />
      </dl>
      {context?.missing.length ? (
        <ul class="missing" data-testid="ot-missing">
          {context.missing.map((m) => (
            <li key={m.part}>{`The ${m.part} is hidden: the token needs ${m.scope}.`}</li>
          ))}
        </ul>
      ) : null}
      {context?.unavailable.length ? <p class="muted">{`Could not read: ${context.unavailable.join(', ')}.`}</p> : null}
    </div>
  );
}
