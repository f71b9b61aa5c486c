/**
 * An OpenTrain-compatible API server for development, demos and tests: the documented
 * read routes, the assumed list route, the agent-side 202 routes, a stand-in for the
 * app's approval page, and control routes under /__sandbox to drive scenarios and faults.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX } from '../lib/api/origin';
import { POLL_INTERVAL_HEADER } from '../lib/api/request';
import type { Approval } from '../lib/api/schemas';
import {
  HOUR,
  SANDBOX_TOKENS,
  TOKEN_SCOPES,
  addEvent,
  approvalFor,
  authMeFor,
  makeContract,
  makeMilestone,
  newId,
  seedWorld,
  type SandboxTokenName,
  type World,
} from './data';
import { approvalPage, contractPage, indexPage } from './pages';

export const CONTROL_PREFIX = '/__sandbox';
export const DEFAULT_PORT = 8787;

export interface Fault {
  /** How many matching requests this fault answers; then it is gone. */
  count: number;
  /** Only requests whose API path starts with this (e.g. "/approvals"); default: every API route. */
  path?: string;
  status?: number;
  code?: string;
  reason?: string;
  requiredScopes?: string[];
  claimUrl?: string;
  retryAfter?: string;
  malformed?: boolean;
  wrongShape?: boolean;
  delayMs?: number;
  /** A well-formed JSON answer padded to this many bytes. */
  hugeBytes?: number;
  /** A 302 to this address (e.g. a login page in front of the API). */
  redirectTo?: string;
}

export interface LogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  /** Which sandbox token was presented: a name, 'invalid' or 'none'. Never the token itself. */
  auth: SandboxTokenName | 'invalid' | 'none';
  /** 0 while the answer is still being made. */
  status: number;
  /** Size of the answer's body. */
  bytes: number;
}

export interface Sandbox {
  origin: string;
  port: number;
  close(): Promise<void>;
  /** Direct access for tests running in the same process. */
  state: SandboxState;
}

export class SandboxState {
  world!: World;
  clockOffsetMs = 0;
  listRoute = true;
  /** API answers carry an ETag and a matching If-None-Match gets 304 (as many servers do). */
  etags = true;
  /** Seconds sent as the poll-interval hint header on the list route, or null for none. */
  pollIntervalHintSec: number | null = null;
  faults: Fault[] = [];
  log: LogEntry[] = [];
  constructor(public origin: string) {
    this.reset();
  }
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }
  reset(): void {
    this.clockOffsetMs = 0;
    this.listRoute = true;
    this.etags = true;
    this.pollIntervalHintSec = null;
    this.faults = [];
    this.log = [];
    this.world = seedWorld(Date.now(), this.origin);
  }
  /** The server flips a pending approval past its expiry the next time it is read. */
  readApproval(id: string): Approval | undefined {
    const approval = this.world.approvals.get(id);
    if (approval?.status === 'pending' && Date.parse(approval.expiresAt) <= this.now()) {
      this.resolve(approval, 'expired');
    }
    return approval;
  }
  addApprovals(body: AddApprovalsBody): Approval[] {
    return addApprovals(this, body);
  }
  resolve(approval: Approval, status: 'confirmed' | 'declined' | 'expired'): void {
    approval.status = status;
    approval.resolvedAt = new Date(this.now()).toISOString();
    if (status === 'confirmed') approval.result = this.execute(approval);
    addEvent(this.world, this.now(), approval);
  }
  /** What confirming does to the world, and the `result` it leaves on the approval. */
  private execute(approval: Approval): Record<string, unknown> {
    const contract = approval.contractId ? this.world.contracts.get(approval.contractId) : undefined;
    const milestone = contract?.milestones.find((m) => m.id === approval.milestoneId);
    switch (approval.type) {
      case 'milestone_fund':
        if (milestone) milestone.status = 'ACTIVE_FUNDED';
        return { invoiceId: `inv_${approval.milestoneId}`, paymentIntentId: `pi_${approval.id}` };
      case 'milestone_approve':
        if (milestone) milestone.status = 'PAID';
        return { invoiceId: `inv_${approval.milestoneId}`, payoutTransactionId: `po_${approval.id}` };
      case 'contract_end':
        if (contract) contract.status = 'ended';
        return { contractEnded: true };
      case 'proposal_hire': {
        const contractId = newId(this.world, 'ctr');
        return { hired: true, contractId, jobId: approval.jobId, freelancerUserId: 'usr_hired' };
      }
      default:
        return {};
    }
  }
}

interface Ctx {
  state: SandboxState;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  body: unknown;
  token: SandboxTokenName | 'invalid' | 'none';
}

type Reply = { status: number; json?: unknown; html?: string; raw?: string; headers?: Record<string, string> };

const envelope = (status: number, code: string, error: string, details?: Record<string, unknown>): Reply => ({
  status,
  json: { error, code, requestId: `req_${Math.random().toString(36).slice(2, 10)}`, ...(details && { details }) },
});

const notFound = (resource: string, idKey: string, id: string) =>
  envelope(404, 'NOT_FOUND', `No such ${resource.replace(/s$/, '')}.`, { resource, [idKey]: id });

function tokenFrom(req: http.IncomingMessage): Ctx['token'] {
  const header = req.headers.authorization;
  if (!header) return 'none';
  const match = /^Bearer (.+)$/.exec(header);
  const entry = Object.entries(SANDBOX_TOKENS).find(([, value]) => value === match?.[1]);
  return entry ? (entry[0] as SandboxTokenName) : 'invalid';
}

function requireScope(ctx: Ctx, scope: string): Reply | null {
  if (ctx.token === 'none' || ctx.token === 'invalid') {
    return envelope(401, 'UNAUTHORIZED', 'Missing or invalid token.');
  }
  const granted = TOKEN_SCOPES[ctx.token];
  if (!granted.includes(scope)) {
    return envelope(403, 'FORBIDDEN', `This token is missing the ${scope} scope.`, {
      requiredScopes: [scope],
      grantedScopes: granted,
    });
  }
  return null;
}

function page<T>(items: T[], url: URL, defaultLimit: number): Reply | { items: T[]; nextCursor: string | null } {
  const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return envelope(400, 'BAD_REQUEST', 'limit must be between 1 and 100.', { field: 'limit' });
  }
  const start = url.searchParams.has('cursor') ? Number(url.searchParams.get('cursor')) : 0;
  if (!Number.isInteger(start) || start < 0)
    return envelope(400, 'BAD_REQUEST', 'Invalid cursor.', { field: 'cursor' });
  const slice = items.slice(start, start + limit);
  return { items: slice, nextCursor: start + limit < items.length ? String(start + limit) : null };
}

const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'status' in value;

function serialize(state: SandboxState, approval: Approval): Approval {
  return { ...approval, ...state.world.approvalExtras.get(approval.id) };
}

/** The documented public API, plus the assumed list route. */
function apiRoute(ctx: Ctx, method: string, path: string): Reply {
  const { state, url } = ctx;
  const world = state.world;
  let m: RegExpExecArray | null;

  if (method === 'GET' && path === '/auth/me') {
    if (ctx.token === 'none' || ctx.token === 'invalid')
      return envelope(401, 'UNAUTHORIZED', 'Missing or invalid token.');
    return { status: 200, json: authMeFor(ctx.token) };
  }
  if (method === 'GET' && path === '/approvals') {
    if (!state.listRoute) return envelope(404, 'NOT_FOUND', 'No route GET /api/public/v1/approvals.');
    const denied = requireScope(ctx, 'payments:read');
    if (denied) return denied;
    const status = url.searchParams.get('status');
    if (status && !['pending', 'confirmed', 'declined', 'expired'].includes(status)) {
      return envelope(400, 'BAD_REQUEST', 'Unknown status.', { field: 'status' });
    }
    const all = [...world.approvals.keys()].map((id) => state.readApproval(id)!);
    const matching = all.filter((a) => !status || a.status === status);
    const result = page(matching, url, 50);
    if (isReply(result)) return result;
    return {
      status: 200,
      json: { approvals: result.items.map((a) => serialize(state, a)), nextCursor: result.nextCursor },
    };
  }
  if (method === 'GET' && (m = /^\/approvals\/([^/]+)$/.exec(path))) {
    const denied = requireScope(ctx, 'payments:read');
    if (denied) return denied;
    const approval = state.readApproval(decodeURIComponent(m[1]!));
    if (!approval) return notFound('approvals', 'approvalId', m[1]!);
    return { status: 200, json: { approval: serialize(state, approval) } };
  }
  if (method === 'GET' && path === '/updates') {
    if (ctx.token === 'none' || ctx.token === 'invalid')
      return envelope(401, 'UNAUTHORIZED', 'Missing or invalid token.');
    if (!TOKEN_SCOPES[ctx.token].some((s) => ['payments:read', 'proposals:read', 'messages:read'].includes(s))) {
      return envelope(403, 'FORBIDDEN', 'No scope can read any event.', { requiredScopes: ['payments:read'] });
    }
    const canRead = TOKEN_SCOPES[ctx.token].includes('payments:read');
    const after = url.searchParams.get('cursor');
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50) || 50);
    const visible = world.events.filter((e) => canRead && (!after || Number(e.id) > Number(after)));
    const events = visible.slice(0, limit);
    return {
      status: 200,
      json: {
        events,
        nextCursor: events.at(-1)?.id ?? after ?? world.events.at(-1)?.id ?? null,
        hasMore: visible.length > limit,
      },
    };
  }
  if (method === 'GET' && (m = /^\/contracts\/([^/]+)$/.exec(path))) {
    const denied = requireScope(ctx, 'payments:read');
    if (denied) return denied;
    const contract = world.contracts.get(decodeURIComponent(m[1]!));
    return contract ? { status: 200, json: { contract } } : notFound('contracts', 'contractId', m[1]!);
  }
  if (method === 'GET' && (m = /^\/proposals\/([^/]+)$/.exec(path))) {
    const denied = requireScope(ctx, 'proposals:read');
    if (denied) return denied;
    const proposal = world.proposals.get(decodeURIComponent(m[1]!));
    return proposal ? { status: 200, json: { proposal } } : notFound('proposals', 'proposalId', m[1]!);
  }
  if (method === 'GET' && path === '/jobs/mine') {
    const denied = requireScope(ctx, 'jobs:read');
    if (denied) return denied;
    const result = page([...world.jobs.values()], url, 25);
    if (isReply(result)) return result;
    return { status: 200, json: { jobs: result.items, nextCursor: result.nextCursor } };
  }
  if (method === 'POST') return agentRoute(ctx, path);
  return envelope(404, 'NOT_FOUND', `No route ${method} ${API_PREFIX}${path}.`);
}

/** The agent-side calls that would move money: each records a pending approval (202). */
function agentRoute(ctx: Ctx, path: string): Reply {
  const { state } = ctx;
  const world = state.world;
  const now = state.now();
  const pendingFor = (type: string, match: (a: Approval) => boolean) =>
    [...world.approvals.keys()]
      .map((id) => state.readApproval(id)!)
      .find((a) => a.type === type && a.status === 'pending' && match(a));
  const created = (approval: Approval, message: string): Reply => ({
    status: 202,
    json: { approval: serialize(state, approval), message },
  });
  let m: RegExpExecArray | null;

  if ((m = /^\/milestones\/([^/]+)\/(fund|approve)$/.exec(path))) {
    const denied = requireScope(ctx, 'payments:write');
    if (denied) return denied;
    const milestoneId = decodeURIComponent(m[1]!);
    const contract = [...world.contracts.values()].find((c) => c.milestones.some((ms) => ms.id === milestoneId));
    const milestone = contract?.milestones.find((ms) => ms.id === milestoneId);
    if (!contract || !milestone) return notFound('milestones', 'milestoneId', milestoneId);
    const type = m[2] === 'fund' ? 'milestone_fund' : 'milestone_approve';
    const existing = pendingFor(type, (a) => a.milestoneId === milestoneId);
    if (existing) return created(existing, 'An approval for this request is already pending.');
    if (type === 'milestone_fund' && milestone.status !== 'NOT_FUNDED') {
      return envelope(409, 'CONFLICT', 'Milestone is not fundable.', { reason: 'milestone_not_fundable' });
    }
    if (type === 'milestone_approve' && milestone.status !== 'ACTIVE_FUNDED') {
      return envelope(409, 'CONFLICT', `Milestone is ${milestone.status}.`, { reason: 'milestone_not_funded' });
    }
    const approval = approvalFor(
      world,
      state.origin,
      { id: newId(world, 'apr'), type, contractId: contract.id, milestoneId, jobId: contract.jobId ?? null },
      now,
    );
    return created(
      approval,
      'Request recorded. A signed-in human must confirm this approval in the OpenTrain app before any money moves.',
    );
  }
  if ((m = /^\/contracts\/([^/]+)\/end$/.exec(path))) {
    const denied = requireScope(ctx, 'payments:write');
    if (denied) return denied;
    const contract = world.contracts.get(decodeURIComponent(m[1]!));
    if (!contract) return notFound('contracts', 'contractId', m[1]!);
    if (contract.status === 'ended')
      return envelope(409, 'CONFLICT', 'Contract already ended.', { reason: 'contract_ended' });
    const existing = pendingFor('contract_end', (a) => a.contractId === contract.id);
    if (existing) return created(existing, 'An approval for this request is already pending.');
    if (!contract.milestones.some((ms) => ms.status === 'ACTIVE_FUNDED')) {
      contract.status = 'ended';
      return { status: 200, json: { ok: true, contractId: contract.id, status: 'ended' } };
    }
    const approval = approvalFor(
      world,
      state.origin,
      { id: newId(world, 'apr'), type: 'contract_end', contractId: contract.id, jobId: contract.jobId ?? null },
      now,
    );
    return created(
      approval,
      'This contract has funded milestones, so a signed-in human must confirm ending it in the OpenTrain app.',
    );
  }
  if ((m = /^\/proposals\/([^/]+)\/hire$/.exec(path))) {
    const denied = requireScope(ctx, 'proposals:write');
    if (denied) return denied;
    const proposal = world.proposals.get(decodeURIComponent(m[1]!));
    if (!proposal) return notFound('proposals', 'proposalId', m[1]!);
    const terms = (ctx.body as { milestone?: Record<string, unknown> } | null)?.milestone;
    if (!terms || (!terms.name && !terms.description)) {
      return envelope(400, 'BAD_REQUEST', 'milestone needs a name or a description.', { field: 'milestone' });
    }
    const wanted = {
      name: String(terms.name ?? ''),
      description: String(terms.description ?? ''),
      amount: Number(terms.amount ?? 0),
      dueDate: terms.dueDate ? String(terms.dueDate) : null,
    };
    const existing = pendingFor('proposal_hire', (a) => a.proposalId === proposal.id);
    if (existing) {
      // Same terms: the same approval. Different terms supersede it.
      if (JSON.stringify(world.hireTerms.get(existing.id)) === JSON.stringify(wanted)) {
        return created(existing, 'An approval for this request is already pending.');
      }
      state.resolve(existing, 'expired');
    }
    const approval = approvalFor(
      world,
      state.origin,
      { id: newId(world, 'apr'), type: 'proposal_hire', proposalId: proposal.id, jobId: proposal.jobId ?? null },
      now,
    );
    world.hireTerms.set(approval.id, wanted);
    return created(
      approval,
      'Hire request recorded. A signed-in human must confirm this approval in the OpenTrain app before the freelancer is hired and any money moves.',
    );
  }
  return envelope(404, 'NOT_FOUND', `No route POST ${API_PREFIX}${path}.`);
}

export interface AddApprovalsBody {
  type?: string;
  count?: number;
  expiresInMs?: number;
  createdAgoMs?: number;
  milestoneName?: string;
  amountUsd?: number;
  contractTitle?: string;
  freelancerName?: string;
  estimatedTotalUsd?: number;
  milestoneStatus?: string;
  contractStatus?: string;
  budgetState?: string;
  extra?: Record<string, unknown>;
}

/** Adds approvals, each with its own contract and milestone (or proposal), as an agent would. */
export function addApprovals(state: SandboxState, body: AddApprovalsBody): Approval[] {
  const world = state.world;
  const now = state.now();
  const type = body.type ?? 'milestone_fund';
  const added: Approval[] = [];
  for (let i = 0; i < (body.count ?? 1); i++) {
    const n = world.nextId;
    const id = newId(world, 'apr');
    let fields: Pick<Approval, 'id' | 'type'> & Partial<Approval> = { id, type, jobId: 'job_sentiment' };
    if (type === 'proposal_hire') {
      const proposalId = newId(world, 'prp');
      world.proposals.set(proposalId, {
        id: proposalId,
        jobId: 'job_segmentation',
        jobTitle: 'Medical Image Segmentation QA',
        createdAt: new Date(now - HOUR).toISOString(),
        status: { raw: 'SHORTLISTED', label: 'Shortlisted' },
        bid: { amountUsd: body.amountUsd ?? 20, unit: 'PER_HOUR', labelerHourlyRateUsd: body.amountUsd ?? 20 },
        candidate: {
          id: `usr_${proposalId}`,
          displayName: body.freelancerName ?? `Candidate ${n}`,
          profileTitle: 'Annotator',
          country: 'Kenya',
          countryCode: 'KE',
        },
      });
      world.hireTerms.set(id, {
        name: body.milestoneName ?? `Pilot batch ${n}`,
        description: 'Pilot',
        amount: body.amountUsd ?? 250,
        dueDate: null,
      });
      fields = { ...fields, proposalId, jobId: 'job_segmentation' };
    } else {
      const contractId = newId(world, 'ctr');
      const milestoneId = newId(world, 'ms');
      const status = body.milestoneStatus ?? (type === 'milestone_fund' ? 'NOT_FUNDED' : 'ACTIVE_FUNDED');
      const contract = makeContract(
        contractId,
        {
          title: body.contractTitle ?? `Labeling contract ${n}`,
          jobId: 'job_sentiment',
          freelancer: body.freelancerName ?? 'Maria G.',
          country: 'Spain',
          estimatedTotalUsd: body.estimatedTotalUsd ?? 2000,
          budget: body.budgetState,
        },
        [makeMilestone(milestoneId, body.milestoneName ?? `Batch ${n}`, body.amountUsd ?? 300, status, now)],
        now,
      );
      if (body.contractStatus) contract.status = body.contractStatus;
      world.contracts.set(contractId, contract);
      fields = { ...fields, contractId, milestoneId: type === 'contract_end' ? null : milestoneId };
    }
    const approval = approvalFor(world, state.origin, fields, now, {
      expiresInMs: body.expiresInMs,
      createdAgoMs: body.createdAgoMs,
    });
    if (body.extra) world.approvalExtras.set(id, body.extra);
    added.push(approval);
  }
  return added;
}

function controlRoute(ctx: Ctx, method: string, path: string): Reply {
  const { state } = ctx;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  let m: RegExpExecArray | null;
  if (method === 'POST' && path === '/reset') {
    state.reset();
    return { status: 200, json: { ok: true } };
  }
  if (method === 'GET' && path === '/tokens') return { status: 200, json: SANDBOX_TOKENS };
  if (method === 'POST' && path === '/approvals') {
    return { status: 201, json: { approvals: addApprovals(state, body as AddApprovalsBody) } };
  }
  if (method === 'POST' && (m = /^\/approvals\/([^/]+)\/(confirm|decline|expire)$/.exec(path))) {
    const approval = state.readApproval(decodeURIComponent(m[1]!));
    if (!approval) return notFound('approvals', 'approvalId', m[1]!);
    if (approval.status !== 'pending') return envelope(409, 'CONFLICT', `Approval is already ${approval.status}.`);
    const status = ({ confirm: 'confirmed', decline: 'declined', expire: 'expired' } as const)[m[2] as 'confirm'];
    state.resolve(approval, status);
    return { status: 200, json: { approval } };
  }
  if (method === 'POST' && (m = /^\/contracts\/([^/]+)$/.exec(path))) {
    const contract = state.world.contracts.get(decodeURIComponent(m[1]!));
    if (!contract) return notFound('contracts', 'contractId', m[1]!);
    Object.assign(contract, body);
    return { status: 200, json: { contract } };
  }
  if (method === 'POST' && path === '/clock') {
    if (typeof body.offsetMs === 'number') state.clockOffsetMs = body.offsetMs;
    if (typeof body.advanceMs === 'number') state.clockOffsetMs += body.advanceMs;
    return { status: 200, json: { offsetMs: state.clockOffsetMs, now: new Date(state.now()).toISOString() } };
  }
  if (method === 'POST' && path === '/etags') {
    state.etags = body.enabled !== false;
    return { status: 200, json: { etags: state.etags } };
  }
  if (method === 'POST' && path === '/poll-interval') {
    state.pollIntervalHintSec = typeof body.seconds === 'number' ? body.seconds : null;
    return { status: 200, json: { seconds: state.pollIntervalHintSec } };
  }
  if (method === 'POST' && path === '/list-route') {
    state.listRoute = body.enabled !== false;
    return { status: 200, json: { listRoute: state.listRoute } };
  }
  if (method === 'POST' && path === '/faults') {
    const faults = (Array.isArray(body.faults) ? body.faults : [body]) as Fault[];
    state.faults.push(...faults.map((f) => ({ ...f, count: f.count ?? 1 })));
    return { status: 200, json: { faults: state.faults } };
  }
  if (method === 'DELETE' && path === '/faults') {
    state.faults = [];
    return { status: 200, json: { faults: [] } };
  }
  if (method === 'GET' && path === '/log') return { status: 200, json: { log: state.log } };
  if (method === 'DELETE' && path === '/log') {
    state.log = [];
    return { status: 200, json: { log: [] } };
  }
  return envelope(404, 'NOT_FOUND', `No control route ${method} ${CONTROL_PREFIX}${path}.`);
}

function faultReply(fault: Fault): Reply | null {
  if (fault.redirectTo) return { status: 302, raw: '', headers: { Location: fault.redirectTo } };
  if (fault.hugeBytes) {
    const head = '{"approvals":[],"nextCursor":null,"padding":"';
    return { status: 200, raw: `${head}${'x'.repeat(Math.max(0, fault.hugeBytes - head.length - 2))}"}` };
  }
  if (fault.malformed) return { status: fault.status ?? 200, raw: '{"approvals": [{"id": "apr_' };
  if (fault.wrongShape)
    return { status: fault.status ?? 200, json: { data: [1, 2, 3], approvals: 'not a list', events: null } };
  if (!fault.status) return null;
  const headers: Record<string, string> = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
  const code =
    fault.code ??
    { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' }[fault.status] ??
    'INTERNAL_ERROR';
  const details: Record<string, unknown> = {};
  if (fault.reason) details.reason = fault.reason;
  if (fault.requiredScopes) details.requiredScopes = fault.requiredScopes;
  if (fault.claimUrl) details.claimUrl = fault.claimUrl;
  const reply = envelope(
    fault.status,
    code,
    `Injected fault: ${fault.status}.`,
    Object.keys(details).length ? details : undefined,
  );
  return { ...reply, headers };
}

function takeFault(state: SandboxState, apiPath: string): Fault | null {
  const index = state.faults.findIndex((f) => !f.path || apiPath.startsWith(f.path));
  if (index < 0) return null;
  const fault = state.faults[index]!;
  fault.count -= 1;
  if (fault.count <= 0) state.faults.splice(index, 1);
  return fault;
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function handle(state: SandboxState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', state.origin);
  const method = req.method ?? 'GET';
  const send = (reply: Reply) => {
    const headers: Record<string, string> = {
      Date: new Date(state.now()).toUTCString(),
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Expose-Headers': `Date, Retry-After, ETag, ${POLL_INTERVAL_HEADER}`,
      ...reply.headers,
    };
    if (reply.html !== undefined) {
      res.writeHead(reply.status, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(reply.html);
    } else if (reply.status === 304) {
      res.writeHead(304, headers).end();
    } else {
      const text = reply.raw ?? JSON.stringify(reply.json ?? null);
      res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(text);
    }
  };
  if (method === 'OPTIONS') return send({ status: 204, raw: '' });
  const body = await readBody(req);
  const ctx: Ctx = { state, req, res, url, body, token: tokenFrom(req) };

  if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    if (body === undefined) return send(envelope(400, 'BAD_REQUEST', 'Body is not JSON.'));
    return send(controlRoute(ctx, method, url.pathname.slice(CONTROL_PREFIX.length)));
  }

  const entry: LogEntry = {
    at: state.now(),
    method,
    path: url.pathname,
    query: url.search,
    auth: ctx.token,
    status: 0,
    bytes: 0,
  };
  state.log.push(entry);
  const reply = withCacheHeaders(ctx, method, url, await routeLogged(ctx, method, url, body));
  entry.status = reply.status;
  entry.bytes =
    reply.status === 304 ? 0 : Buffer.byteLength(reply.raw ?? reply.html ?? JSON.stringify(reply.json ?? null));
  send(reply);
}

/**
 * An ETag on every successful API read (a hash of the body), 304 for a matching
 * If-None-Match, and the poll-interval hint on the list route when one is set.
 */
function withCacheHeaders(ctx: Ctx, method: string, url: URL, reply: Reply): Reply {
  const { state } = ctx;
  if (method !== 'GET' || !url.pathname.startsWith(`${API_PREFIX}/`) || reply.status !== 200) return reply;
  const headers = { ...reply.headers };
  if (state.pollIntervalHintSec != null && url.pathname === `${API_PREFIX}/approvals`) {
    headers[POLL_INTERVAL_HEADER] = String(state.pollIntervalHintSec);
  }
  if (!state.etags) return { ...reply, headers };
  const text = reply.raw ?? JSON.stringify(reply.json ?? null);
  const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
  headers.ETag = etag;
  if (ctx.req.headers['if-none-match'] === etag) return { status: 304, headers };
  return { ...reply, headers };
}

async function routeLogged(ctx: Ctx, method: string, url: URL, body: unknown): Promise<Reply> {
  const { state } = ctx;
  if (url.pathname.startsWith(`${API_PREFIX}/`)) {
    const apiPath = url.pathname.slice(API_PREFIX.length);
    const fault = takeFault(state, apiPath);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    const injected = fault && faultReply(fault);
    if (injected) return injected;
    if (method === 'POST' && body === undefined) return envelope(400, 'BAD_REQUEST', 'Body is not JSON.');
    return apiRoute(ctx, method, apiPath);
  }
  if (method !== 'GET') return envelope(404, 'NOT_FOUND', 'Not found.');
  let m: RegExpExecArray | null;
  if ((m = /^\/approvals\/([^/]+)\/?$/.exec(url.pathname))) {
    const approval = state.readApproval(decodeURIComponent(m[1]!));
    return { status: approval ? 200 : 404, html: approvalPage(state.world, approval, decodeURIComponent(m[1]!)) };
  }
  if ((m = /^\/contracts\/([^/]+)\/?$/.exec(url.pathname))) {
    return { status: 200, html: contractPage(state.world.contracts.get(decodeURIComponent(m[1]!))) };
  }
  if (url.pathname === '/') return { status: 200, html: indexPage(state) };
  return envelope(404, 'NOT_FOUND', 'Not found.');
}

/** Starts a sandbox on 127.0.0.1; port 0 picks a free one. */
export async function startSandbox({ port = DEFAULT_PORT, host = '127.0.0.1' } = {}): Promise<Sandbox> {
  let state: SandboxState | undefined;
  const server = http.createServer((req, res) => {
    handle(state!, req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: `Sandbox failure: ${String(error)}`, code: 'INTERNAL_ERROR' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${actual}`;
  state = new SandboxState(origin);
  return {
    origin,
    port: actual,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
