/**
 * Records keyed by ids from OpenTrain (approvals, jobs). An id is whatever the server sends,
 * `__proto__` included: on a plain object that key sets the prototype instead of adding an
 * entry, and inherited names (`constructor`) read as entries that are not there. These
 * records have no prototype, and their schema builds them so after every storage round trip.
 */
import * as z from 'zod/mini';

export function idRecord<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const record = Object.create(null) as Record<string, V>;
  for (const [id, value] of entries) record[id] = value;
  return record;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A record of `value`s by id, parsed into an idRecord. (zod's own record parses into a plain
 * object, which loses an entry keyed `__proto__`.) One bad entry makes the whole record unreadable.
 */
export function idRecordSchema<S extends z.ZodMiniType>(value: S) {
  return z.pipe(
    z.custom<Record<string, unknown>>(isObject, 'Expected a record'),
    z.transform((input, ctx) => {
      const record = idRecord<z.output<S>>();
      for (const id of Object.keys(input)) {
        const parsed = value.safeParse(input[id]);
        if (!parsed.success) {
          ctx.issues.push({ code: 'custom', input: input[id], path: [id] });
          return z.NEVER;
        }
        record[id] = parsed.data;
      }
      return record;
    }),
  );
}
