/** What went wrong, coarsely: decides the exit code in one place (`cli/exit.ts`). */
export type ErrorCode = 'usage' | 'config' | 'input' | 'runtime';

/** The one base class for failures; findings are never thrown. */
export class KubewardError extends Error {
  override readonly name: string = 'KubewardError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Bad flags or arguments. */
export class UsageError extends KubewardError {
  override readonly name = 'UsageError';
  constructor(message: string, options?: ErrorOptions) {
    super('usage', message, options);
  }
}

/** An invalid `.kubeward.yaml` or other configuration; the message carries file:line:col. */
export class ConfigError extends KubewardError {
  override readonly name: string = 'ConfigError';
  constructor(message: string, options?: ErrorOptions) {
    super('config', message, options);
  }
}

/** Input that could not be used at all (no readable file, nothing to scan). */
export class InputError extends KubewardError {
  override readonly name = 'InputError';
  constructor(message: string, options?: ErrorOptions) {
    super('input', message, options);
  }
}
