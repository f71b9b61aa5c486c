/**
 * Bench only (OT_BENCH_STATS=<file>): records, for each output chunk, how many rendered bytes
 * each source module contributes, so the benchmark can say which dependency dominates a bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export function moduleSizes(file: string): Plugin {
  return {
    name: 'ot-module-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const stats: Record<string, Record<string, number>> = fs.existsSync(file)
        ? JSON.parse(fs.readFileSync(file, 'utf8'))
        : {};
      for (const [name, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        stats[name] = Object.fromEntries(
          Object.entries(output.modules).map(([id, info]) => [
            path.relative(process.cwd(), id.replace(/^\0/, '')),
            info.renderedLength,
          ]),
        );
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stats, null, 1));
    },
  };
}
