import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

// Server logs: one line per request at `info` (method, url, status, duration, request id) instead of
// Fastify's two JSON lines, written as compact text for a terminal (LOG_FORMAT=text, the default) or as
// pino's JSON lines for a log collector (LOG_FORMAT=json). LOG_LEVEL=warn leaves only problems.

export type LogFormat = 'text' | 'json';

/** What a line carries besides its message: pino's own fields and the request line's fields (in its message). */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'method', 'url', 'statusCode', 'responseTime']);
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

/**
 * One pino JSON line → `12:03:04.567 info  GET /healthz 200 3.1ms reqId=…`; an error's stack follows on
 * indented lines. A line that is not JSON passes through unchanged.
 */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  let line = `${clock(typeof entry.time === 'number' ? entry.time : Date.now())} ${level.padEnd(5)} ${String(entry.msg ?? '')}`;
  let stack = '';
  for (const [k, v] of Object.entries(entry)) {
    if (HIDDEN.has(k) || v === undefined) continue;
    const err = v as { type?: string; message?: string; stack?: string };
    if ((k === 'err' || k === 'error') && v && typeof v === 'object') {
      line += ` ${k}=${value(err.message ?? err.type ?? '')}`;
      if (err.stack) stack += `\n${err.stack.replace(/^/gm, '    ')}`;
      continue;
    }
    line += ` ${k}=${value(v)}`;
  }
  return `${line}${stack}\n`;
}

/** The logger options of the Fastify app (Fastify builds the pino logger from them). */
export function loggerOptions(
  config: { LOG_LEVEL: string; LOG_FORMAT?: LogFormat },
  out: { write(text: string): unknown } = process.stdout,
): { level: string; stream: { write(line: string): void } } {
  const write = config.LOG_FORMAT === 'json' ? (line: string) => out.write(line) : (line: string) => out.write(formatLogLine(line));
  return { level: config.LOG_LEVEL, stream: { write } };
}

/**
 * Fastify's request logging, one line per request: nothing when a request comes in, one `info` line
 * (`GET /x 200 3.1ms`, with reqId, method, url, statusCode, responseTime) when its response has been
 * sent, at `error` when sending failed. A 404 is that same line, without Fastify's extra "not found".
 */
export class RequestLineLog extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    const { method, url } = request;
    const statusCode = reply.statusCode;
    const fields = { method, url, statusCode, responseTime };
    const line = `${method} ${url} ${statusCode} ${responseTime}ms`;
    if (error) reply.log.error({ ...fields, err: error }, line);
    else reply.log.info(fields, line);
  }
}
