/** Prints slack-manifest.yaml from the command registry (see manifest.ts). Optional arg: your public https host. */
import { COMMANDS } from '../../commands/registry.ts';
import { MANIFEST_HOST, manifestYaml } from './manifest.ts';

process.stdout.write(manifestYaml(COMMANDS, process.argv[3] ?? MANIFEST_HOST));
