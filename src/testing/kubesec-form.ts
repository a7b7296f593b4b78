/**
 * kubesec's HTTP server strips one leading `file=` (a `curl --data file=@x` form body) before parsing;
 * the conformance rows recorded through that server are replayed with it stripped.
 */
export function stripFormPrefix(text: string): string {
  return text.startsWith('file=') ? text.slice('file='.length) : text;
}
