/**
 * An OpenTrain behind the API port, in memory: no HTTP. Approvals, the event feed, contracts
 * and jobs; a list route that can be turned off (tracked mode), that sends an ETag (and answers
 * "unchanged" to it) and can send a poll-interval hint; tokens it accepts; faults for the next
 * calls; and calls held until released, to interleave a poll with other events.
 */
import type { ApiError } from '@/lib/api/errors';
import type { ApiResult } from '@/lib/api/request';
import {
  contractEnvelopeSchema,
  jobsMineSchema,
  type Approval,
  type Contract,
  type JobSummary,
  type UpdateEvent,
} from '@/lib/api/schemas';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import { fixture } from './fixtures';

export type Route = 'list' | 'approval' | 'updates' | 'contract' | 'proposal' | 'jobs';

export const GOOD_TOKEN = 'ot_pat_good';
export const OTHER_GOOD_TOKEN = 'ot_pat_good_too';

/** The documentation's contract and jobs: the approvals in test/support/approvals.ts point at them. */
const documentedContract = contractEnvelopeSchema.parse(fixture('contract-get.json')).contract;
const documentedJobs = jobsMineSchema.parse(fixture('jobs-mine.json')).jobs;

export class FakeOpenTrain {
  approvals = new Map<string, Approval>();
  contracts = new Map<string, Contract>([[documentedContract.id, documentedContract]]);
  jobs: JobSummary[] = documentedJobs;
  events: UpdateEvent[] = [];
  listRoute = true;
  tokens = new Set([GOOD_TOKEN, OTHER_GOOD_TOKEN]);
  serverOffsetMs = 0;
  /** The list route's poll-interval hint, in seconds. */
  pollIntervalSec: number | null = null;
  calls: Array<{ route: Route; token: string; id?: string; ifNoneMatch?: string }> = [];
  private faults: Array<{ route: Route | undefined; error: ApiError; count: number }> = [];
  private holds: Array<{ route: Route; gate: Promise<void> }> = [];

  add(...approvals: Approval[]): this {
    for (const approval of approvals) this.approvals.set(approval.id, approval);
    return this;
  }

  /** Resolved in the app: no longer pending, and announced on the event feed. */
  resolve(id: string, status: 'confirmed' | 'declined' | 'expired' = 'confirmed') {
    const approval = this.approvals.get(id);
    if (approval) this.approvals.set(id, { ...approval, status });
    this.events.push({
      id: String(this.events.length + 1),
      type: 'approval.confirmed',
      createdAt: new Date(0).toISOString(),
      resourceId: id,
      data: { approvalId: id, status },
    });
  }

  /** The next `count` calls (of a route, or any) fail with `error`. */
  fail(error: ApiError, { route, count = 1 }: { route?: Route; count?: number } = {}) {
    this.faults.push({ route, error, count });
  }

  /** The next call of a route waits until the returned function is called. */
  hold(route: Route): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.push({ route, gate });
    return release;
  }

  callsTo(route: Route) {
    return this.calls.filter((call) => call.route === route);
  }

  /** The port for one token and origin (the background's `api` port). */
  connect = (config: { origin: string; token: string }): OpenTrainApi => {
    const answer = async <T>(route: Route, id: string | undefined, read: () => T | ApiError) => {
      const error = await this.enter(route, config.token, id);
      const meta = { serverOffsetMs: this.serverOffsetMs, bytes: 0 };
      const result = error ?? read();
      return (isError(result) ? { ok: false, error: result, meta } : { ok: true, data: result, meta }) as ApiResult<T>;
    };
    const notFound: ApiError = { kind: 'not_found' };
    return {
      origin: config.origin,
      listPendingApprovals: async ({ ifNoneMatch } = {}) => {
        const error =
          (await this.enter('list', config.token, undefined, ifNoneMatch)) ?? (this.listRoute ? null : unsupported);
        if (error) return { ok: false, error, pages: 1 };
        const pending = [...this.approvals.values()].filter((a) => a.status === 'pending');
        const etag = `"${JSON.stringify(pending).length}:${pending.map((a) => a.id).join(',')}"`;
        const answered = {
          pages: 1 as const,
          serverOffsetMs: this.serverOffsetMs,
          pollIntervalSec: this.pollIntervalSec,
        };
        if (ifNoneMatch === etag) return { ok: true, unchanged: true, ...answered };
        return { ok: true, approvals: pending, complete: true, bytes: 0, etag, ...answered };
      },
      getApproval: (id) =>
        answer('approval', id, () => {
          const approval = this.approvals.get(id);
          return approval ? { approval } : notFound;
        }),
      getUpdates: (cursor) =>
        answer('updates', cursor, () => {
          const events = this.events.filter((event) => cursor === undefined || Number(event.id) > Number(cursor));
          return { events, nextCursor: events.at(-1)?.id ?? cursor ?? null, hasMore: false };
        }),
      getContract: (id) =>
        answer('contract', id, () => {
          const contract = this.contracts.get(id);
          return contract ? { contract } : notFound;
        }),
      getProposal: (id) => answer<never>('proposal', id, () => notFound),
      getJobsMine: () => answer('jobs', undefined, () => ({ jobs: this.jobs, nextCursor: null })),
    };
  };

  private async enter(route: Route, token: string, id?: string, ifNoneMatch?: string | null): Promise<ApiError | null> {
    this.calls.push({ route, token, ...(id !== undefined && { id }), ...(ifNoneMatch && { ifNoneMatch }) });
    const held = this.holds.findIndex((hold) => hold.route === route);
    if (held >= 0) await this.holds.splice(held, 1)[0]!.gate;
    if (!this.tokens.has(token)) return { kind: 'unauthorized' };
    const fault = this.faults.find((f) => f.route === undefined || f.route === route);
    if (!fault) return null;
    if (--fault.count <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault.error;
  }
}

const unsupported: ApiError = { kind: 'unsupported', status: 404 };

function isError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
