/**
 * Stand-ins for the OpenTrain web app's pages: the approval page a reviewer confirms on
 * (heading, amount, Confirm and Decline), a contract view, and an index for the demo.
 * Every value from the data is HTML-escaped, as the real app would.
 */
import type { Approval } from '../lib/api/schemas';
import type { SandboxContract, World } from './data';
import type { SandboxState } from './server';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const usd = (amount: number | null | undefined) =>
  amount == null
    ? 'amount not set'
    : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · OpenTrain (sandbox)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
  header { background: #1d2330; color: #fff; padding: 12px 24px; }
  main { max-width: 720px; margin: 24px auto; background: #fff; padding: 24px; border-radius: 8px; }
  .banner { background: #eef4ff; border: 1px solid #c4d7ff; padding: 8px 12px; border-radius: 6px; }
  .amount { font-size: 28px; font-weight: 600; }
  button { font: inherit; padding: 8px 16px; margin-right: 8px; border-radius: 6px; border: 1px solid #888; cursor: pointer; }
  #confirm { background: #1a7f37; color: #fff; border-color: #1a7f37; }
</style></head>
<body><header>OpenTrain <small>(sandbox stand-in for the app)</small></header><main>${body}</main></body></html>`;

const ACTIONS: Record<string, string> = {
  proposal_hire: 'Hire',
  milestone_fund: 'Fund milestone',
  milestone_approve: 'Release payment for milestone',
  contract_end: 'End contract',
};

function subject(world: World, approval: Approval): { what: string; amount: number | null | undefined } {
  const contract = approval.contractId ? world.contracts.get(approval.contractId) : undefined;
  const milestone = contract?.milestones.find((m) => m.id === approval.milestoneId);
  if (approval.type === 'proposal_hire') {
    const proposal = approval.proposalId ? world.proposals.get(approval.proposalId) : undefined;
    const terms = world.hireTerms.get(approval.id);
    return {
      what: `${proposal?.candidate?.displayName ?? 'a candidate'}: “${terms?.name ?? 'first milestone'}”`,
      amount: terms?.amount,
    };
  }
  if (approval.type === 'contract_end') {
    const funded = contract?.milestones
      .filter((m) => m.status === 'ACTIVE_FUNDED')
      .reduce((s, m) => s + (m.amountUsd ?? 0), 0);
    return { what: `“${contract?.title ?? approval.contractId}”`, amount: funded };
  }
  return { what: `“${milestone?.name ?? approval.milestoneId}”`, amount: milestone?.amountUsd };
}

export function approvalPage(world: World, approval: Approval | undefined, id: string): string {
  if (!approval)
    return layout('Approval not found', `<h1>Approval not found</h1><p>No approval ${escapeHtml(id)}.</p>`);
  const { what, amount } = subject(world, approval);
  const action = ACTIONS[approval.type] ?? approval.type;
  const pending = approval.status === 'pending';
  const contractLink = approval.contractId
    ? `<p><a id="contract-link" href="/contracts/${encodeURIComponent(approval.contractId)}">Open the contract</a></p>`
    : '';
  return layout(
    `${action} ${what}`,
    `<p class="banner">Your agent requested this action.</p>
<h1>${escapeHtml(action)} ${escapeHtml(what)}</h1>
<p class="amount" data-testid="app-amount">${escapeHtml(usd(amount))}</p>
<p>Status: <strong id="status">${escapeHtml(approval.status)}</strong></p>
${contractLink}
<p><button id="confirm" ${pending ? '' : 'disabled'}>Confirm</button><button id="decline" ${pending ? '' : 'disabled'}>Decline</button></p>
<script>
  for (const [button, verb] of [['confirm', 'confirm'], ['decline', 'decline']]) {
    document.getElementById(button).addEventListener('click', async () => {
      const response = await fetch(${JSON.stringify(`/__sandbox/approvals/${encodeURIComponent(approval.id)}/`)} + verb, { method: 'POST' });
      const body = await response.json();
      document.getElementById('status').textContent = response.ok ? body.approval.status : body.error;
      for (const b of document.querySelectorAll('button')) b.disabled = true;
    });
  }
  const link = document.getElementById('contract-link');
  if (link) link.addEventListener('click', (event) => { event.preventDefault(); history.pushState({}, '', link.getAttribute('href')); });
</script>`,
  );
}

export function contractPage(contract: SandboxContract | undefined): string {
  if (!contract) return layout('Contract not found', '<h1>Contract not found</h1>');
  const rows = contract.milestones
    .map((m) => `<li>${escapeHtml(m.name ?? m.id)}: ${escapeHtml(usd(m.amountUsd))} (${escapeHtml(m.status)})</li>`)
    .join('');
  return layout(contract.title ?? contract.id, `<h1>${escapeHtml(contract.title ?? contract.id)}</h1><ul>${rows}</ul>`);
}

export function indexPage(state: SandboxState): string {
  const pending = [...state.world.approvals.values()].filter((a) => a.status === 'pending');
  const rows = pending
    .map(
      (a) =>
        `<li><a href="/approvals/${encodeURIComponent(a.id)}">${escapeHtml(ACTIONS[a.type] ?? a.type)} ${escapeHtml(subject(state.world, a).what)}</a></li>`,
    )
    .join('');
  return layout('Sandbox', `<h1>Pending approvals</h1><ul>${rows}</ul>`);
}
