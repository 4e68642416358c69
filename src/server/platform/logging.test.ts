import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { formatLogLine, type LogFormat, loggerOptions, RequestLineLog } from './logging.ts';

async function serve(LOG_LEVEL: string, LOG_FORMAT: LogFormat) {
  const lines: string[] = [];
  const app = Fastify({
    logger: loggerOptions({ LOG_LEVEL, LOG_FORMAT }, { write: (text) => lines.push(...text.trimEnd().split('\n')) }),
    logController: new RequestLineLog(),
  });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('kaput');
  });
  await app.inject({ url: '/ok?x=1', headers: { 'x-request-id': 'r1' } });
  await app.inject({ url: '/missing' });
  await app.inject({ url: '/boom' });
  await app.close();
  return lines;
}

describe('server logging', () => {
  it('writes one compact line per request, with method, url, status, duration and request id', async () => {
    const lines = await serve('info', 'text');
    const requests = lines.filter((l) => / (GET|POST) /.test(l));
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} info {2}GET \/ok\?x=1 200 [\d.]+ms reqId=req-1$/);
    expect(requests[1]).toMatch(/ info {2}GET \/missing 404 [\d.]+ms reqId=req-2$/);
    expect(requests[2]).toMatch(/ info {2}GET \/boom 500 [\d.]+ms reqId=req-3$/);
    expect(lines.join('\n')).not.toMatch(/incoming request|request completed|not found|"level"/);
  });

  it('LOG_LEVEL=warn leaves out the request lines, keeping errors', async () => {
    const lines = await serve('warn', 'text');
    expect(lines.filter((l) => / GET /.test(l))).toEqual([]);
    expect(lines.some((l) => / error /.test(l) && l.includes('kaput'))).toBe(true);
  });

  it('LOG_FORMAT=json writes one JSON object per request', async () => {
    const lines = await serve('info', 'json');
    const requests = lines.map((l) => JSON.parse(l)).filter((e) => e.method);
    expect(requests.map((e) => [e.method, e.url, e.statusCode, e.reqId, e.msg])).toEqual([
      ['GET', '/ok?x=1', 200, 'req-1', expect.stringMatching(/^GET \/ok\?x=1 200 [\d.]+ms$/)],
      ['GET', '/missing', 404, 'req-2', expect.stringMatching(/^GET \/missing 404/)],
      ['GET', '/boom', 500, 'req-3', expect.stringMatching(/^GET \/boom 500/)],
    ]);
    for (const e of requests) expect(e.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('formats errors with their stack below the line, and passes non-JSON text through', () => {
    const err = new Error('kaput');
    const line = formatLogLine(
      JSON.stringify({
        level: 50,
        time: Date.UTC(2025, 0, 2, 3, 4, 5, 6),
        msg: 'request failed',
        reqId: 'abc',
        err: { type: 'Error', message: 'kaput', stack: err.stack },
      }),
    );
    expect(line.split('\n')[0]).toMatch(/^\d\d:\d\d:\d\d\.006 error request failed reqId=abc err=kaput$/);
    expect(line.split('\n')[1]).toMatch(/^ {4}Error: kaput$/);
    expect(formatLogLine('plain text')).toBe('plain text\n');
  });
});
