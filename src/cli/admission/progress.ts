// A one-line progress bar on stderr, only when stderr is a terminal; silent otherwise.

export class Progress {
  private phase = '';
  private total = 0;
  private done = 0;
  private started = 0;
  private last = 0;
  private readonly enabled: boolean;
  private readonly out: NodeJS.WriteStream;
  private readonly width: number;

  constructor(enabled: boolean = process.stderr.isTTY === true, out: NodeJS.WriteStream = process.stderr, width = 30) {
    this.enabled = enabled;
    this.out = out;
    this.width = width;
  }

  /** Starts a phase; `total` 0 shows a spinner-less "working" bar. */
  start(phase: string, total = 0): void {
    this.phase = phase;
    this.total = total;
    this.done = 0;
    this.started = Date.now();
    this.last = 0;
    this.render(true);
  }

  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
    this.render(false);
  }

  /** Clears the line. */
  finish(): void {
    if (this.enabled) this.out.write('\r\x1b[K');
  }

  /** The text of the bar (exposed for tests). */
  line(): string {
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    if (this.total <= 0) return `[${'·'.repeat(this.width)}] ${this.phase} ${secs}s`;
    const frac = Math.min(1, this.done / this.total);
    const filled = Math.round(frac * this.width);
    return `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${this.phase} ${secs}s`;
  }

  private render(force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    this.out.write(`\r\x1b[K${this.line()}`);
  }
}
