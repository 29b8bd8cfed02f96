#!/usr/bin/env node
// The `yardstick` executable (package.json "bin"). Registers tsx so the TypeScript sources run
// as they are, from any working directory, then hands over to main.ts. The import is dynamic
// because static imports would be resolved before tsx is registered.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
await run();
