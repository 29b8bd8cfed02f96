/**
 * @module main
 * `npm start`: the same as `yardstick serve`.
 */
import { main } from './cli/main.ts';

process.exitCode = await main(['serve', ...process.argv.slice(2)]);
