import { loadConfig } from '../server/platform/config.ts';
import { startServer } from '../server/runtime.ts';

/** `hoptac serve`: runs until Ctrl-C / SIGTERM, then stops the app and the embedded cluster cleanly. */
export async function runServe(_argv: string[]): Promise<number> {
  const server = await startServer(loadConfig());
  // Shutdown order: HTTP, then jobs, then the pool, then the embedded cluster; exit 0.
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`[hoptac] ${signal} received, shutting down…`);
      server.close().then(resolve, (err) => {
        console.error(err);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGHUP', () => stop('SIGHUP'));
  });
  return 0;
}
