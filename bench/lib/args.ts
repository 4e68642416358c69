// Command-line options and progress lines shared by the benchmarks.
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
export const flag = (name: string) => process.argv.includes(name);
export const bounded = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.floor(v)));
export const log = (line: string) => console.log(line);
export const since = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
