/** What every stored list of approvals carries about its fetch: when, the server's clock, and whether it is whole. */
import * as z from 'zod/mini';

export const listStampShape = {
  fetchedAt: z.number(),
  /** serverTime - localTime at the fetch, from the `Date` header. */
  serverOffsetMs: z.number(),
  /** False when the list walk stopped at the page cap. */
  complete: z.boolean(),
};
export type ListStamp = z.infer<z.ZodMiniObject<typeof listStampShape>>;
