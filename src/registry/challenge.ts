/** One authentication challenge of a `WWW-Authenticate` header: its scheme and parameters. */
export interface Challenge {
  /** Lowercased: `bearer`, `basic`. */
  readonly scheme: string;
  /** Parameter names lowercased (`realm`, `service`, `scope`), values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/**
 * The challenges of a `WWW-Authenticate` header (RFC 7235 §4.1: `scheme param=value, ...`, several
 * challenges comma-separated; values are tokens or quoted strings with `\` escapes). Unparsable
 * rest is dropped, never thrown: a registry's header is input.
 */
export function parseChallenges(header: string): readonly Challenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let rest = header;
  const skip = (pattern: RegExp): void => {
    rest = rest.replace(pattern, '');
  };
  for (;;) {
    skip(/^[\s,]+/);
    const scheme = TOKEN.exec(rest)?.[0];
    if (scheme === undefined) break;
    rest = rest.slice(scheme.length);
    const challenge = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    challenges.push(challenge);
    const token68 = /^\s+[A-Za-z0-9._~+/-]+=*\s*(?=,|$)/.exec(rest);
    if (token68 !== null) {
      rest = rest.slice(token68[0].length);
      continue;
    }
    for (;;) {
      const save = rest;
      skip(/^[\s,]+/);
      const name = TOKEN.exec(rest)?.[0];
      if (name === undefined || !/^\s*=/.test(rest.slice(name.length))) {
        rest = save;
        break;
      }
      rest = rest.slice(name.length).replace(/^\s*=\s*/, '');
      let value: string;
      if (rest.startsWith('"')) {
        let index = 1;
        value = '';
        while (index < rest.length && rest[index] !== '"') {
          if (rest[index] === '\\' && index + 1 < rest.length) index++;
          value += rest.charAt(index);
          index++;
        }
        rest = rest.slice(index + 1);
      } else {
        value = TOKEN.exec(rest)?.[0] ?? '';
        rest = rest.slice(value.length);
      }
      challenge.params[name.toLowerCase()] = value;
    }
    if (!/^\s*(,|$)/.test(rest)) {
      // a token68 credential (`Negotiate abc==`): not a parameter list, skip to the next challenge
      rest = rest.replace(/^[^,]*/, '');
    }
  }
  return challenges;
}
