/**
 * @module cli/serve
 * `yardstick serve`: what `npm start` runs.
 */
import { readConfig } from '../config.ts';
import { startServer } from '../start.ts';
import { EXIT, parseCommandArgs, type Command } from './command.ts';

export const serve: Command = {
  name: 'serve',
  summary: 'Start the studio and the API',
  usage: `Usage: yardstick serve

Serves the studio and the API on HOST:PORT (default 127.0.0.1:8787), on PostgreSQL when
DATABASE_URL is set, otherwise on the embedded database in YARDSTICK_DATA_DIR (default ./.data).
An empty database gets the demo organisation (YARDSTICK_DEMO=0 to skip); the demo user names and
passwords are printed.`,

  async run(argv, { io }) {
    parseCommandArgs(this, argv, {}, { required: [] });
    const server = await startServer(readConfig(process.env, io.cwd), (line) => io.stdout(`${line}\n`));
    if (server.demo) {
      io.stdout('\nDemo data was created. DEMO CREDENTIALS (for trying Yardstick only; change or remove these users before real use):\n');
      for (const u of server.demo.users) io.stdout(`  ${u.role.padEnd(9)} ${u.username.padEnd(12)} ${u.password}\n`);
    }
    io.stdout(`\nYardstick is running at ${server.url}  (API docs: ${server.url}/api/docs)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
