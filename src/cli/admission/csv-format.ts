// How an input CSV is written. Excel in a Vietnamese locale saves "CSV" with ";" between fields and a
// decimal comma (21,5), and "Unicode text" as UTF-16 with tabs; both are read, and the reader says so
// in one line on stderr. `--delimiter` sets the separator instead of detecting it.
import { closeSync, openSync, readSync } from 'node:fs';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

export interface CsvFormat {
  encoding: Encoding;
  /** The field separator: ",", ";" or a tab. */
  delimiter: string;
  /** With a separator other than ",", a comma between digits is a decimal comma: "21,5" is 21.5. */
  decimalComma: boolean;
}

export interface CsvOptions {
  /** The separator given with --delimiter; detected from the header when absent. */
  delimiter?: string;
  /** Receives the one-line note about a detected encoding or separator. */
  note?: (line: string) => void;
}

export const DEFAULT_FORMAT: CsvFormat = { encoding: 'utf8', delimiter: ',', decimalComma: false };

const DELIMITERS: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t', '\\t': '\t' };

/** The value of --delimiter as a separator, or null when it is not one of `,` `;` `tab`. */
export function parseDelimiter(value: string): string | null {
  return DELIMITERS[value.toLowerCase()] ?? null;
}

/** --delimiter checked (a bad value is a usage problem) and "note:" lines sent to stderr. */
export function csvOptions(value: string | undefined, problems: string[], io: { stderr(s: string): void }): CsvOptions {
  const options: CsvOptions = { note: (line) => io.stderr(`${line}\n`) };
  if (value !== undefined) {
    const d = parseDelimiter(value);
    if (d === null) problems.push(`--delimiter must be ",", ";" or "tab", got "${value}"`);
    else options.delimiter = d;
  }
  return options;
}

export const DELIMITER_USAGE = `  --delimiter ,|;|tab   field separator of the input files; default: detected from each header
                        (a file with ";" or tabs may use decimal commas: 21,5 = 21.5)`;

const NAMES: Record<Encoding, string> = { utf8: 'UTF-8', utf16le: 'UTF-16 LE', utf16be: 'UTF-16 BE' };
const SHOWN: Record<string, string> = { ',': '","', ';': '";"', '\t': 'tabs' };

/** The encoding from the byte-order mark (UTF-8 with or without one), and the text of the file's first bytes. */
function sniff(path: string): { encoding: Encoding; head: string } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // reported by the reader
  }
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, n);
    const encoding: Encoding =
      n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf16le' : n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf16be' : 'utf8';
    const head = new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes);
    return { encoding, head };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The separator used most in the header line outside quotes; "," when none is. */
function headerDelimiter(head: string): string {
  const line = head.split('\n')[0];
  const count: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in count) count[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (count[d] > count[best]) best = d;
  return best;
}

/** Detects `file`'s encoding and separator, and tells `options.note` when either is not UTF-8 and ",". */
export function detectFormat(path: string, file: string, options: CsvOptions = {}): CsvFormat {
  const found = sniff(path);
  if (!found) return { ...DEFAULT_FORMAT, delimiter: options.delimiter ?? ',', decimalComma: (options.delimiter ?? ',') !== ',' };
  const delimiter = options.delimiter ?? headerDelimiter(found.head);
  const format: CsvFormat = { encoding: found.encoding, delimiter, decimalComma: delimiter !== ',' };
  const parts: string[] = [];
  if (found.encoding !== 'utf8') parts.push(`read as ${NAMES[found.encoding]}`);
  if (options.delimiter === undefined && delimiter !== ',') {
    parts.push(`fields separated by ${SHOWN[delimiter]} (detected from the header; --delimiter to choose)`);
  }
  if (parts.length > 0) {
    if (format.decimalComma) parts.push('decimal commas accepted (21,5 = 21.5)');
    options.note?.(`note: ${file}: ${parts.join('; ')}`);
  }
  return format;
}

/** Decodes a whole (small) file's bytes; the byte-order mark is dropped. */
export function decodeText(bytes: Buffer, encoding: Encoding): string {
  return new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes);
}
