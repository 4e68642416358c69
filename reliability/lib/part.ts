/** The outcome of one part of `npm run check:reliability`: a verdict and the lines of its report. */
export type PartResult = { name: string; ok: boolean; lines: string[] };

/** What run.ts hands every part's `run(opts)`. */
export interface PartOptions {
  /** Progress lines while the part runs (the report itself goes into PartResult.lines). */
  log: (line: string) => void;
  /** Show the output of the servers the part starts (`--echo`). */
  echo: boolean;
  /** The command line after `--only <part>` etc., for a part's own options. */
  argv: string[];
}
