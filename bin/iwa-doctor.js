#!/usr/bin/env node
// The installed `iwa-doctor` command: runs the TypeScript CLI through tsx's loader, so the
// CLI and the app share one engine source with no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/iwa-doctor.ts');
