#!/usr/bin/env node
// Entry for `npx hoptac`: registers tsx's loader in this process and runs the TypeScript CLI, so there is
// no build step and no wrapper process between the caller and the command (signals reach it directly).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/hoptac.ts');
