/**
 * JSON, gzip-compressed and base64-encoded: how a stored part that repeats the same keys for
 * every approval (the contexts) takes a tenth of the room or less. Only for parts that are
 * written when they change and read once per worker start, never by the pages.
 */

/** String.fromCharCode takes its bytes as arguments: this many at a time stays far below any limit. */
const CHUNK = 0x8000;

async function through(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

export async function packJson(value: unknown): Promise<string> {
  const bytes = await through(new TextEncoder().encode(JSON.stringify(value)), new CompressionStream('gzip'));
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}

/** The value packJson packed; throws when `packed` is not such a value. */
export async function unpackJson(packed: string): Promise<unknown> {
  const bytes = Uint8Array.from(atob(packed), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(await through(bytes, new DecompressionStream('gzip'))));
}
