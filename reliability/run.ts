// `npm run check:reliability` (issue 12): runs every part of the reliability check, one after the other, and
// prints a summary table; exits 1 when a part fails. Not part of `npm test` (minutes, kills processes, mounts a
// tmpfs when root). See reliability/README.md.
//
//   npm run check:reliability                        every part
//   npm run check:reliability -- --only faults       one part (faults | load | backup)
//   npm run check:reliability -- --only faults --checks pg-kill,pg-stop --echo
import { performance } from 'node:perf_hooks';
import { table } from '../bench/lib/stats.ts';
import type { PartOptions, PartResult } from './lib/part.ts';

/** Every part, in the order they run. Each file exports `async function run(opts: PartOptions): Promise<PartResult>`. */
const PARTS: { name: string; file: string; what: string }[] = [
  { name: 'faults', file: './faults.ts', what: 'kill -9 of the app and of PostgreSQL, database away, SMTP down, full disk' },
  { name: 'load', file: './load.ts', what: 'sustained load' },
  { name: 'backup', file: './backup-drill.ts', what: 'backup and restore drill' },
];

const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !PARTS.some((p) => p.name === only)) {
  console.error(`--only: unknown part "${only ?? ''}" (known: ${PARTS.map((p) => p.name).join(', ')})`);
  process.exit(2);
}
const opts: PartOptions = { log: (line) => console.log(line), echo: argv.includes('--echo'), argv };

const results: (PartResult & { seconds: number })[] = [];
for (const part of PARTS.filter((p) => !only || p.name === only)) {
  console.log(`\n== ${part.name}: ${part.what}`);
  const t0 = performance.now();
  let result: PartResult;
  try {
    // Loaded when it runs (a part's imports may start things); the specifier is a variable so that a part not yet
    // written fails here, as a failed part, and not the type check.
    const file: string = part.file;
    const mod = (await import(new URL(file, import.meta.url).href)) as { run?: (o: PartOptions) => Promise<PartResult> };
    if (typeof mod.run !== 'function') throw new Error(`${part.file} exports no run(opts)`);
    result = await mod.run(opts);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const missing = e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(part.file.slice(2));
    result = { name: part.name, ok: false, lines: [missing ? `${part.file} does not exist` : `ERROR: ${e.stack ?? e}`] };
  }
  const seconds = (performance.now() - t0) / 1000;
  results.push({ ...result, name: part.name, seconds });
  console.log(`\n-- ${part.name}: ${result.ok ? 'PASS' : 'FAIL'} (${seconds.toFixed(1)} s)`);
  for (const line of result.lines) console.log(`   ${line}`);
}

console.log('\n== reliability summary');
console.log(table(['part', 'verdict', 'time'], results.map((r) => [r.name, r.ok ? 'PASS' : 'FAIL', `${r.seconds.toFixed(1)} s`])));
const failed = results.filter((r) => !r.ok);
console.log(failed.length === 0 ? '\nall parts PASS' : `\n${failed.length} of ${results.length} parts FAIL: ${failed.map((r) => r.name).join(', ')}`);
// Parts stop what they started; exit explicitly so that a stray handle cannot keep the process alive.
process.exit(failed.length === 0 ? 0 : 1);
