import { z } from 'zod';

// The server's Content-Security-Policy forbids evaluating strings (no 'unsafe-eval', src/server/app.ts). zod
// would otherwise probe with `Function('')` to compile its object parsers — caught, but the browser reports a
// CSP violation on every page load. Imported first by main.tsx: zod reads the setting when a schema is built.
z.config({ jitless: true });
