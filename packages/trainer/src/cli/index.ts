#!/usr/bin/env node
// Entry point of the lstm-adder-train command. Any error that escapes still ends in one line, never TF.js's bundle.
import { trapSignals } from '../node/signals.js';
import { EXIT, reportError } from './exit.js';
import { main } from './main.js';

trapSignals(); // first: Ctrl-C and SIGTERM at any point after this end in 130 and 143, no file replaced
const verbose = process.argv.includes('--verbose');
const die = (error: unknown) => process.exit(reportError(error, verbose) || EXIT.error);
process.on('uncaughtException', die);
process.on('unhandledRejection', die);
// Exit as soon as main is done: nothing (a backend's worker, a timer) may keep the process waiting.
process.exit(await main(process.argv.slice(2)));
