import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of a thread that runs only on a core no other thread wants. */
const LOWEST_PRIORITY = 19;

/**
 * Gives every other thread of this process the lowest priority: V8's platform workers, which compile
 * hot functions and mark, sweep and scavenge the heap beside the main thread. At the main thread's
 * own priority, four of them on a two-core machine take its core away: in a 20,000-resource scan the
 * main thread waited about 0.35 s of its 1.9 s runnable but not running. At the lowest priority they
 * use the core the main thread leaves. Linux only, where a nice value belongs to one thread and
 * `/proc/self/task` lists them; elsewhere, or for a thread that has ended, nothing changes. Threads
 * started later (libuv's pool) take the main thread's priority.
 */
export function lowerHelperThreadPriority(): void {
  if (process.platform !== 'linux') return;
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const task of tasks) {
    if (Number(task) === process.pid) continue;
    try {
      setPriority(Number(task), LOWEST_PRIORITY);
    } catch {
      // The thread ended between the listing and now.
    }
  }
}
