import { EXIT } from './exit.ts';

/**
 * Makes the process exit 3 with a message if its event loop empties before the function returned is
 * called: a command whose promise never settled must not end as a silent success.
 */
export function exitIfUnfinished(): () => void {
  let finished = false;
  process.once('beforeExit', () => {
    if (finished) return;
    process.stderr.write(
      'internal error: kubeward stopped before its command finished: a promise never settled\n',
    );
    process.exitCode = EXIT.runtime;
  });
  return () => {
    finished = true;
  };
}
