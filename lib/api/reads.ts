/** The read-only OpenTrain calls the extension makes besides the approvals list. */
import { apiGet, type ApiConfig } from './request';
import { authMeSchema, contractEnvelopeSchema, jobsMineSchema, proposalEnvelopeSchema, updatesSchema } from './schemas';

export const getAuthMe = (config: ApiConfig, signal?: AbortSignal) =>
  apiGet(config, '/auth/me', authMeSchema, { signal });

export const getContract = (config: ApiConfig, contractId: string, signal?: AbortSignal) =>
  apiGet(config, `/contracts/${encodeURIComponent(contractId)}`, contractEnvelopeSchema, { signal });

export const getProposal = (config: ApiConfig, proposalId: string, signal?: AbortSignal) =>
  apiGet(config, `/proposals/${encodeURIComponent(proposalId)}`, proposalEnvelopeSchema, { signal });

export const getJobsMine = (config: ApiConfig, cursor?: string, signal?: AbortSignal) =>
  apiGet(config, '/jobs/mine', jobsMineSchema, { query: { limit: 100, cursor }, signal });

export const getUpdates = (config: ApiConfig, cursor: string | undefined, signal?: AbortSignal) =>
  apiGet(config, '/updates', updatesSchema, { query: { cursor, limit: 100 }, signal });
