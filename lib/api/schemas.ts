/**
 * The shapes of the OpenTrain public API that the extension reads, as zod schemas.
 * One source of truth: the extension, the sandbox and the tests all use these.
 *
 * zod/mini keeps the background bundle small. Objects strip unknown keys (an extra
 * field never throws); enums the API may grow (approval type and status, milestone
 * status, error code) are plain strings here and interpreted in lib/, so a new value is
 * shown generically instead of failing the whole list.
 */
import * as z from 'zod/mini';

const nullableString = z.optional(z.nullable(z.string()));
const nullableNumber = z.optional(z.nullable(z.number()));

/**
 * The longest text kept from a field meant for people (names, titles, descriptions). Longer
 * text is cut with an ellipsis when parsed, so one huge field can never fill storage.
 */
export const TEXT_LIMITS = { name: 200, description: 2_000 } as const;

export function truncateText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const cappedText = (max: number) =>
  z.optional(
    z.nullable(
      z.pipe(
        z.string(),
        z.transform((text) => truncateText(text, max)),
      ),
    ),
  );
const name = cappedText(TEXT_LIMITS.name);
const description = cappedText(TEXT_LIMITS.description);

export const approvalSchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** proposal_hire | milestone_fund | milestone_approve | contract_end, or one added later (see approval-text.ts). */
  type: z.string(),
  /** pending | confirmed | declined | expired */
  status: z.string(),
  contractId: nullableString,
  milestoneId: nullableString,
  jobId: nullableString,
  /** The fund and approve 202 examples leave this key out; the text says null. */
  proposalId: nullableString,
  approvalUrl: nullableString,
  /** ISO-8601. Kept as text: an unparseable date is shown as "expiry unknown", never dropped. */
  expiresAt: z.string(),
  resolvedAt: nullableString,
  result: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  createdAt: z.string(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** `GET /approvals/{id}` */
export const approvalEnvelopeSchema = z.object({ approval: approvalSchema });

/** The 202 an agent receives when it asks to move money (read by the sandbox and tests). */
export const approvalCreatedSchema = z.object({ approval: approvalSchema, message: z.optional(z.string()) });

/** The assumed `GET /approvals?status=pending` answer (see lib/api/approvals-route.ts). */
export const approvalListSchema = z.object({
  approvals: z.array(approvalSchema),
  nextCursor: nullableString,
});
export type ApprovalList = z.infer<typeof approvalListSchema>;

/** Every non-2xx answer from /api/public/v1. */
export const errorEnvelopeSchema = z.object({
  error: z.pipe(
    z.string(),
    z.transform((text) => truncateText(text, TEXT_LIMITS.description)),
  ),
  code: z.optional(z.string()),
  requestId: z.optional(z.string()),
  details: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export const updateEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  apiVersion: z.optional(z.string()),
  createdAt: z.string(),
  resourceId: nullableString,
  jobId: nullableString,
  data: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
export type UpdateEvent = z.infer<typeof updateEventSchema>;

/** `GET /updates` */
export const updatesSchema = z.object({
  events: z.array(updateEventSchema),
  nextCursor: nullableString,
  hasMore: z.optional(z.boolean()),
});
export type Updates = z.infer<typeof updatesSchema>;

/**
 * `approval.confirmed` data, in both documented forms: `{approvalId, status}` on the
 * /updates page, and `{approvalId, approvalType: "MILESTONE_FUND", status, contractId,
 * milestoneId, jobId}` on the human-approvals page. The type is normalised to the
 * approval object's lower case.
 */
export const approvalResolvedDataSchema = z.object({
  approvalId: z.string(),
  status: z.string(),
  approvalType: z.optional(
    z.pipe(
      z.string(),
      z.transform((t) => t.toLowerCase()),
    ),
  ),
  contractId: nullableString,
  milestoneId: nullableString,
  jobId: nullableString,
});
export type ApprovalResolvedData = z.infer<typeof approvalResolvedDataSchema>;

/** `GET /auth/me` */
export const authMeSchema = z.object({
  actor: z.object({
    userId: z.string(),
    email: nullableString,
    firstName: nullableString,
    lastName: nullableString,
    fullName: nullableString,
    userType: nullableString,
  }),
  token: z.object({
    id: z.string(),
    label: nullableString,
    scopes: z.array(z.string()),
    ownerOrganizationId: nullableString,
  }),
  account: z.object({
    kind: nullableString,
    organizationId: nullableString,
    ownerUserId: nullableString,
    memberRole: nullableString,
  }),
});
export type AuthMe = z.infer<typeof authMeSchema>;

export const milestoneSchema = z.object({
  id: z.string(),
  name,
  description,
  status: z.string(),
  amountUsd: nullableNumber,
  milestoneNumber: nullableNumber,
  dueDate: nullableString,
  pendingApproval: z.optional(z.nullable(z.boolean())),
  invoiceId: nullableString,
  createdAt: nullableString,
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const budgetSchema = z.object({
  state: z.string(),
  fundedAmountUsd: nullableNumber,
  consumedFraction: nullableNumber,
});

export const contractSchema = z.object({
  id: z.string(),
  status: z.string(),
  title: name,
  jobId: nullableString,
  proposalId: nullableString,
  paymentType: nullableString,
  rateUsd: nullableNumber,
  estimatedTotalUsd: nullableNumber,
  startDate: nullableString,
  endDate: nullableString,
  freelancer: z.optional(
    z.nullable(
      z.object({
        userId: nullableString,
        displayName: name,
        country: nullableString,
        profilePath: nullableString,
      }),
    ),
  ),
  milestones: z._default(z.array(milestoneSchema), []),
  budget: z.optional(z.nullable(budgetSchema)),
});
export type Contract = z.infer<typeof contractSchema>;

/** `GET /contracts/{id}` */
export const contractEnvelopeSchema = z.object({ contract: contractSchema });

export const proposalSchema = z.object({
  id: z.string(),
  jobId: nullableString,
  jobTitle: name,
  createdAt: nullableString,
  status: z.optional(z.nullable(z.object({ raw: nullableString, label: nullableString }))),
  bid: z.optional(
    z.nullable(z.object({ amountUsd: nullableNumber, unit: nullableString, labelerHourlyRateUsd: nullableNumber })),
  ),
  candidate: z.optional(
    z.nullable(
      z.object({
        id: nullableString,
        displayName: name,
        profileTitle: name,
        country: nullableString,
        countryCode: nullableString,
      }),
    ),
  ),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** `GET /proposals/{id}` */
export const proposalEnvelopeSchema = z.object({ proposal: proposalSchema });

export const jobSummarySchema = z.object({ id: z.string(), title: name, status: nullableString });
export type JobSummary = z.infer<typeof jobSummarySchema>;

/** `GET /jobs/mine` */
export const jobsMineSchema = z.object({ jobs: z.array(jobSummarySchema), nextCursor: nullableString });
