#!/usr/bin/env node
// The bin. Source maps are on before anything else loads, so that a stack trace (KUBEWARD_DEBUG=1)
// names the files under src/; the rest loads behind a dynamic import for that reason.
process.setSourceMapsEnabled(true);
const { main } = await import('./program.ts');
process.exitCode = await main(process.argv);
