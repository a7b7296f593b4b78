#!/usr/bin/env node
// The bin. It first gives V8's helper threads the lowest priority, so that they leave the main
// thread its core (helper-threads.ts). With KUBEWARD_DEBUG=1 (the only time kubeward prints a stack
// trace) source maps are on before anything else loads, so that traces name the files under src/;
// the rest loads behind a dynamic import for that reason. Without it, reading the maps would only
// slow the start.
import { lowerHelperThreadPriority } from './helper-threads.ts';

lowerHelperThreadPriority();
if (process.env.KUBEWARD_DEBUG === '1') process.setSourceMapsEnabled(true);
const { main, exitIfUnfinished } = await import('./program.ts');
const finished = exitIfUnfinished();
process.exitCode = await main(process.argv);
finished();
