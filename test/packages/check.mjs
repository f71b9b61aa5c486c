// Checks the store packages `npm run zip` made: the Chrome Web Store zip, the Firefox zip and
// the sources zip AMO asks for, and that `web-ext lint` finds no error and no warning in our
// own code (the only warnings allowed are Preact's, listed in README).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const OUT = path.resolve('.output');
const { name, version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

/** The entries of a zip file: name → () => contents (stored or deflated). */
function readZip(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const entryName = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(entryName, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const zips = {
  chrome: path.join(OUT, `${name}-${version}-chrome.zip`),
  firefox: path.join(OUT, `${name}-${version}-firefox.zip`),
  sources: path.join(OUT, `${name}-${version}-sources.zip`),
};
for (const [kind, file] of Object.entries(zips)) check(fs.existsSync(file), `missing the ${kind} package ${file}`);

if (!failures.length) {
  const chrome = readZip(zips.chrome);
  const chromeManifest = JSON.parse(chrome.get('manifest.json')());
  check(chromeManifest.manifest_version === 3, 'the Chrome package is not MV3');
  check(
    JSON.stringify(chromeManifest.host_permissions) === '["https://app.opentrain.ai/*"]',
    'the Chrome package asks for more than the OpenTrain origin',
  );
  const firefox = readZip(zips.firefox);
  const firefoxManifest = JSON.parse(firefox.get('manifest.json')());
  check(Boolean(firefoxManifest.browser_specific_settings?.gecko?.id), 'the Firefox package has no gecko id');
  const sources = readZip(zips.sources);
  for (const needed of [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'lib/api/schemas.ts',
    'entrypoints/background/index.ts',
    'README.md',
  ]) {
    check(sources.has(needed), `the sources package lacks ${needed}`);
  }
  check(
    ![...sources.keys()].some(
      (f) => f.startsWith('demo-output/') || f.startsWith('node_modules/') || f.startsWith('.output/'),
    ),
    'the sources package holds build or demo output',
  );
}

const lint = JSON.parse(
  execFileSync('npx', ['web-ext', 'lint', '-s', path.join(OUT, 'firefox-mv3'), '-o', 'json'], { encoding: 'utf8' }),
);
check(
  lint.errors.length === 0,
  `web-ext lint: ${lint.errors.length} errors: ${lint.errors.map((e) => `${e.code} ${e.file}`).join(', ')}`,
);
for (const warning of lint.warnings) {
  const source =
    fs.readFileSync(path.join(OUT, 'firefox-mv3', warning.file), 'utf8').split('\n')[warning.line - 1] ?? '';
  const around = source.slice(Math.max(0, warning.column - 200), warning.column + 100);
  // Preact's renderer assigns innerHTML only for dangerouslySetInnerHTML, which this extension never uses.
  const preact =
    warning.code === 'UNSAFE_VAR_ASSIGNMENT' &&
    around.includes('dangerouslySetInnerHTML') &&
    around.includes('.innerHTML=');
  check(preact, `web-ext lint warning in our code: ${warning.code} ${warning.file}:${warning.line}:${warning.column}`);
}
console.log(
  `packages: ${Object.values(zips)
    .map((f) => path.basename(f))
    .join(', ')}`,
);
console.log(
  `web-ext lint: ${lint.errors.length} errors, ${lint.warnings.length} warnings (all in Preact's bundled renderer)`,
);
// For the summary at the end of npm test (scripts/test-summary.mjs).
fs.mkdirSync(path.resolve('.output/test-results'), { recursive: true });
fs.writeFileSync(
  path.resolve('.output/test-results/packages.json'),
  JSON.stringify({ passed: failures.length ? 0 : 1, failed: failures.length ? 1 : 0 }),
);
if (failures.length) {
  for (const failure of failures) console.error(`✘ ${failure}`);
  console.log(`package check failed: ${failures.length} problems`);
  process.exit(1);
}
console.log('package check: ok');
