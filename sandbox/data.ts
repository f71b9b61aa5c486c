/**
 * The sandbox's world: accounts, tokens, jobs, contracts, proposals, approvals and the
 * event feed, in memory. Shapes are the extension's own zod types, so the sandbox can
 * only ever answer what the extension is written to read.
 */
import type { Approval, AuthMe, Contract, JobSummary, Milestone, Proposal, UpdateEvent } from '../lib/api/schemas';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const APPROVAL_LIFETIME_MS = 72 * HOUR;

export const SANDBOX_TOKENS = {
  /** The reviewer's token: every read scope the extension uses. */
  full: 'ot_pat_sandboxfull_5f1c2e9a7b3d4c6e',
  /** A token minted without payments:read: nothing can work with it. */
  noPayments: 'ot_pat_sandboxnopay_8d2e4f6a1b3c5d7e',
  /** payments:read only: approvals work, context from proposals and jobs does not. */
  paymentsOnly: 'ot_pat_sandboxpayonly_3a5c7e9b1d2f4a6c',
  /** An agent's token with write scopes, for the agent-side 202 routes. */
  agent: 'ot_pat_sandboxagent_6b8d0f2a4c6e8a1b',
} as const;
export type SandboxTokenName = keyof typeof SANDBOX_TOKENS;

export const TOKEN_SCOPES: Record<SandboxTokenName, string[]> = {
  full: ['payments:read', 'proposals:read', 'jobs:read'],
  noPayments: ['jobs:read', 'proposals:read'],
  paymentsOnly: ['payments:read'],
  agent: ['jobs:read', 'jobs:write', 'proposals:read', 'proposals:write', 'payments:read', 'payments:write'],
};

const TOKEN_LABELS: Record<SandboxTokenName, string> = {
  full: 'Approvals reviewer',
  noPayments: 'Job drafting only',
  paymentsOnly: 'Payments read-only',
  agent: 'Hiring agent',
};

export function authMeFor(name: SandboxTokenName): AuthMe {
  return {
    actor: {
      userId: 'usr_mira',
      email: 'mira@example.com',
      firstName: 'Mira',
      lastName: 'Chen',
      fullName: 'Mira Chen',
      userType: 'EMPLOYER',
    },
    token: { id: `tok_${name}`, label: TOKEN_LABELS[name], scopes: TOKEN_SCOPES[name], ownerOrganizationId: null },
    account: {
      kind: 'employer_organization',
      organizationId: 'org_acme',
      ownerUserId: 'usr_mira',
      memberRole: 'OWNER',
    },
  };
}

export type Budget = NonNullable<Contract['budget']>;
export type SandboxContract = Contract & { budget: Budget };

/** What an agent proposed in a hire: the API does not show it, the app's dialog does. */
export interface HireTerms {
  name: string;
  description: string;
  amount: number;
  dueDate: string | null;
}

export interface World {
  jobs: Map<string, JobSummary>;
  contracts: Map<string, SandboxContract>;
  proposals: Map<string, Proposal>;
  approvals: Map<string, Approval>;
  /** Extra, undocumented fields to add to an approval's JSON (tests that unknown fields pass). */
  approvalExtras: Map<string, Record<string, unknown>>;
  hireTerms: Map<string, HireTerms>;
  events: UpdateEvent[];
  nextId: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function milestone(id: string, name: string, amountUsd: number, status: string, now: number, number = 1): Milestone {
  return {
    id,
    name,
    description: `${name}: deliver per the project guidelines.`,
    status,
    amountUsd,
    milestoneNumber: number,
    dueDate: iso(now + 14 * 24 * HOUR),
    pendingApproval: false,
    invoiceId: status === 'NOT_FUNDED' ? null : `inv_${id}`,
    createdAt: iso(now - 5 * 24 * HOUR),
  };
}

function contract(
  id: string,
  fields: {
    title: string;
    jobId: string;
    freelancer: string;
    country: string;
    estimatedTotalUsd: number;
    budget?: string;
  },
  milestones: Milestone[],
  now: number,
): SandboxContract {
  const funded = milestones.filter((m) => m.status === 'ACTIVE_FUNDED').reduce((sum, m) => sum + (m.amountUsd ?? 0), 0);
  return {
    id,
    status: 'active',
    title: fields.title,
    jobId: fields.jobId,
    proposalId: null,
    paymentType: 'FIXED_PRICE',
    rateUsd: fields.estimatedTotalUsd,
    estimatedTotalUsd: fields.estimatedTotalUsd,
    startDate: iso(now - 7 * 24 * HOUR),
    endDate: null,
    freelancer: {
      userId: `usr_${id}`,
      displayName: fields.freelancer,
      country: fields.country,
      profilePath: `/profile/${fields.freelancer.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    },
    milestones,
    budget: { state: fields.budget ?? 'OK', fundedAmountUsd: funded, consumedFraction: 0 },
  };
}

export function approvalFor(
  world: World,
  origin: string,
  fields: Pick<Approval, 'id' | 'type'> & Partial<Approval>,
  now: number,
  { expiresInMs = APPROVAL_LIFETIME_MS, createdAgoMs = 0 } = {},
): Approval {
  const created = Math.min(now - createdAgoMs, now + expiresInMs - 1);
  const approval: Approval = {
    status: 'pending',
    contractId: null,
    milestoneId: null,
    jobId: null,
    proposalId: null,
    approvalUrl: `${origin}/approvals/${fields.id}`,
    expiresAt: iso(now + expiresInMs),
    resolvedAt: null,
    result: null,
    createdAt: iso(created),
    ...fields,
  };
  world.approvals.set(approval.id, approval);
  return approval;
}

/**
 * The deterministic seed, relative to `now`: four pending approvals, one of each type
 * (one expiring within the hour, one within six hours), and three resolved ones.
 */
export function seedWorld(now: number, origin: string): World {
  const world: World = {
    jobs: new Map(),
    contracts: new Map(),
    proposals: new Map(),
    approvals: new Map(),
    approvalExtras: new Map(),
    hireTerms: new Map(),
    events: [],
    nextId: 1000,
  };
  const jobs: JobSummary[] = [
    { id: 'job_sentiment', title: 'Spanish Sentiment Labeling — Social Media Posts', status: 'ONGOING' },
    { id: 'job_segmentation', title: 'Medical Image Segmentation QA', status: 'OPEN' },
    { id: 'job_transcription', title: 'German Podcast Transcription', status: 'ONGOING' },
  ];
  for (const job of jobs) world.jobs.set(job.id, job);

  const contracts = [
    contract(
      'ctr_maria',
      {
        title: 'Spanish Sentiment Labeling Contract',
        jobId: 'job_sentiment',
        freelancer: 'Maria G.',
        country: 'Spain',
        estimatedTotalUsd: 1200,
      },
      [
        milestone('ms_first_batch', 'First labeling batch', 300, 'NOT_FUNDED', now, 1),
        milestone('ms_second_batch', 'Second labeling batch', 450, 'ACTIVE_FUNDED', now, 2),
      ],
      now,
    ),
    contract(
      'ctr_kenji',
      {
        title: 'Segmentation QA Contract',
        jobId: 'job_segmentation',
        freelancer: 'Kenji T.',
        country: 'Japan',
        estimatedTotalUsd: 2000,
      },
      [milestone('ms_polygon_qa', 'Polygon QA round 1', 1200, 'ACTIVE_FUNDED', now)],
      now,
    ),
    contract(
      'ctr_lena',
      {
        title: 'Podcast Transcription Contract',
        jobId: 'job_transcription',
        freelancer: 'Lena S.',
        country: 'Germany',
        estimatedTotalUsd: 900,
        budget: 'LOW',
      },
      [milestone('ms_episodes', 'Episodes 1–10', 600, 'ACTIVE_FUNDED', now)],
      now,
    ),
  ];
  for (const c of contracts) world.contracts.set(c.id, c);

  world.proposals.set('prp_amara', {
    id: 'prp_amara',
    jobId: 'job_segmentation',
    jobTitle: 'Medical Image Segmentation QA',
    createdAt: iso(now - 2 * 24 * HOUR),
    status: { raw: 'SHORTLISTED', label: 'Shortlisted' },
    bid: { amountUsd: 18, unit: 'PER_HOUR', labelerHourlyRateUsd: 18 },
    candidate: {
      id: 'usr_amara',
      displayName: 'Amara O.',
      profileTitle: 'Radiology annotator',
      country: 'Nigeria',
      countryCode: 'NG',
    },
  });
  world.hireTerms.set('apr_hire_amara', {
    name: 'Pilot: 200 CT slices',
    description: 'Segment and QA 200 CT slices per the guideline.',
    amount: 360,
    dueDate: iso(now + 10 * 24 * HOUR).slice(0, 10),
  });

  const pending: Array<[Pick<Approval, 'id' | 'type'> & Partial<Approval>, number, number]> = [
    [
      {
        id: 'apr_fund_first_batch',
        type: 'milestone_fund',
        contractId: 'ctr_maria',
        milestoneId: 'ms_first_batch',
        jobId: 'job_sentiment',
      },
      45 * MINUTE,
      71 * HOUR,
    ],
    [
      {
        id: 'apr_release_polygon',
        type: 'milestone_approve',
        contractId: 'ctr_kenji',
        milestoneId: 'ms_polygon_qa',
        jobId: 'job_segmentation',
      },
      5 * HOUR,
      67 * HOUR,
    ],
    [
      { id: 'apr_hire_amara', type: 'proposal_hire', proposalId: 'prp_amara', jobId: 'job_segmentation' },
      30 * HOUR,
      42 * HOUR,
    ],
    [
      { id: 'apr_end_lena', type: 'contract_end', contractId: 'ctr_lena', jobId: 'job_transcription' },
      60 * HOUR,
      12 * HOUR,
    ],
  ];
  for (const [fields, expiresInMs, createdAgoMs] of pending)
    approvalFor(world, origin, fields, now, { expiresInMs, createdAgoMs });

  const resolved: Array<[Pick<Approval, 'id' | 'type'> & Partial<Approval>, number]> = [
    [
      {
        id: 'apr_fund_second_batch',
        type: 'milestone_fund',
        status: 'confirmed',
        contractId: 'ctr_maria',
        milestoneId: 'ms_second_batch',
        jobId: 'job_sentiment',
        result: { invoiceId: 'inv_ms_second_batch', paymentIntentId: 'pi_3' },
      },
      3 * 24 * HOUR,
    ],
    [
      {
        id: 'apr_release_declined',
        type: 'milestone_approve',
        status: 'declined',
        contractId: 'ctr_kenji',
        milestoneId: 'ms_polygon_qa',
        jobId: 'job_segmentation',
      },
      4 * 24 * HOUR,
    ],
    [
      {
        id: 'apr_fund_expired',
        type: 'milestone_fund',
        status: 'expired',
        contractId: 'ctr_lena',
        milestoneId: 'ms_episodes',
        jobId: 'job_transcription',
      },
      6 * 24 * HOUR,
    ],
  ];
  for (const [fields, age] of resolved) {
    const approval = approvalFor(world, origin, fields, now, {
      expiresInMs: APPROVAL_LIFETIME_MS - age,
      createdAgoMs: age,
    });
    approval.resolvedAt = iso(now - age + (fields.status === 'expired' ? APPROVAL_LIFETIME_MS : 2 * HOUR));
    addEvent(world, now - age + 2 * HOUR, approval);
  }
  return world;
}

/** Appends the `approval.confirmed` event that fires for every terminal state. */
export function addEvent(world: World, at: number, approval: Approval): void {
  const id = String(world.nextId++);
  world.events.push({
    id,
    type: 'approval.confirmed',
    apiVersion: 'v1',
    createdAt: iso(at),
    resourceId: approval.id,
    jobId: approval.jobId ?? null,
    data: { approvalId: approval.id, status: approval.status },
  });
}

export function newId(world: World, prefix: string): string {
  return `${prefix}_${(world.nextId++).toString(36)}`;
}

export { contract as makeContract, milestone as makeMilestone };
