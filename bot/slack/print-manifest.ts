/**
 * Prints the Slack app manifest from the command registry (see manifest.ts):
 * `npm run slack:manifest -- --url https://your.host` (HTTP mode) or `-- --socket` (Socket Mode).
 * A bad argument is one line saying what to write, exit code 2.
 */
import { COMMANDS } from '../../commands/registry.ts';
import { manifestArgs, manifestYaml } from './manifest.ts';

const args = manifestArgs(process.argv.slice(3));
if ('error' in args) {
  process.stderr.write(`${args.error}\n`);
  process.exitCode = 2;
} else process.stdout.write(manifestYaml(COMMANDS, args.host, args.socketMode));
