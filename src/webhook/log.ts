/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Fields of one structured log line besides time, level and msg. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Writes one JSON object per line. */
export type Logger = (level: LogLevel, msg: string, fields?: LogFields) => void;

/**
 * A logger writing JSON lines (`{"time","level","msg",...}`) to `write`. Fields whose value is
 * undefined are left out. Never throws: a failing sink loses the line, not the request.
 */
export function jsonLogger(write: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  const order: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const floor = order.indexOf(minimum);
  return (level, msg, fields = {}) => {
    if (order.indexOf(level) < floor) return;
    try {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
    } catch {
      // a closed stderr must not take the server down
    }
  };
}
