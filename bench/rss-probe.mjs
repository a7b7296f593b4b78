// Preloaded into every Node.js process a bench measures (NODE_OPTIONS=--import bench/rss-probe.mjs,
// inherited by the processes it starts): writes `PID.start` when the process starts and `PID.json`,
// its peak resident set size (getrusage maxRSS, KiB), CPU time (ms) and exit code, when it exits, into the directory
// KUBEWARD_BENCH_PROBE_DIR names. A process with a start record and no exit record died without
// exiting: killed by a signal, or aborted by V8 (out of memory). Plain JavaScript, so that the
// measured processes load no TypeScript loader.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const directory = process.env.KUBEWARD_BENCH_PROBE_DIR;
if (directory) {
  writeFileSync(
    join(directory, `${process.pid}.start`),
    JSON.stringify({ argv: [...process.execArgv, ...process.argv.slice(1)] }),
  );
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    const record = { maxRSS: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, code };
    writeFileSync(join(directory, `${process.pid}.json`), JSON.stringify(record));
  });
}
