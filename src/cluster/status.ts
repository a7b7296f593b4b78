import { InputError } from '../model/errors.ts';
import { isRecord } from '../model/path.ts';
import type { ApiResponse, Connection } from './connection.ts';

/** The `message` of a Kubernetes `Status` body, or the HTTP status when the body is none. */
export function statusMessage(response: ApiResponse): string {
  const body = response.body;
  if (isRecord(body) && typeof body.message === 'string' && body.message !== '') return body.message;
  return `HTTP ${String(response.status)}`;
}

/** The error for an answer the whole read cannot go on without (discovery, a 401). */
export function apiFailure(
  connection: Connection,
  path: string,
  response: ApiResponse,
  doing: string,
): InputError {
  const hint =
    response.status === 401
      ? ': the credentials of the context were refused (kubectl --context CONTEXT auth whoami tells more)'
      : '';
  return new InputError(
    `cannot ${doing} of ${connection.server} (GET ${path}): ${statusMessage(response)}${hint}`,
  );
}
