/** `npm run sandbox`: the local OpenTrain-compatible API on 127.0.0.1 (PORT, default 8787). */
import { SANDBOX_TOKENS, TOKEN_SCOPES, type SandboxTokenName } from './data';
import { CONTROL_PREFIX, DEFAULT_PORT, startSandbox } from './server';

const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
const sandbox = await startSandbox({ port });
console.log(`OpenTrain sandbox on ${sandbox.origin}`);
console.log(`  OpenTrain URL for the options page: ${sandbox.origin}`);
for (const [name, token] of Object.entries(SANDBOX_TOKENS)) {
  console.log(`  ${name.padEnd(13)} ${token}  (${TOKEN_SCOPES[name as SandboxTokenName].join(', ')})`);
}
console.log(`  control routes under ${sandbox.origin}${CONTROL_PREFIX}/ (see README)`);
const stop = () => sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
