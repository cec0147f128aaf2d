/**
 * Entry point of `npm run xen-setup | xen-check | xen-boot` (see command.ts and docs/XEN-CHECK.md):
 * runs the command given as the first argument and exits with its code.
 */
import { runXen } from './command';

runXen(process.argv.slice(2)).then((code) => process.exit(code));
