/**
 * The offset of the first character at which `text` stops being valid JSON (`text.length` when it
 * ends too early), or undefined when it is valid. V8's JSON.parse names a position for only some of
 * its errors; this scan finds one for all, and runs only once JSON.parse has failed. Nesting is
 * bounded by the caller (`firstTooDeep`) before this recursive scan runs.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.space();
    scanner.value();
    scanner.space();
    if (scanner.at < text.length) return scanner.at;
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return scanner.at;
    throw error;
  }
}

class Stop extends Error {}

const LITERALS = ['true', 'false', 'null'] as const;

class Scanner {
  at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  space(): void {
    for (;;) {
      const code = this.#text.charCodeAt(this.at);
      if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) this.at++;
      else return;
    }
  }

  value(): void {
    const char = this.#text[this.at];
    if (char === '{') this.#object();
    else if (char === '[') this.#array();
    else if (char === '"') this.#string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.#number();
    else this.#literal();
  }

  #expect(char: string): void {
    if (this.#text[this.at] !== char) throw new Stop();
    this.at++;
  }

  #object(): void {
    this.at++;
    this.space();
    if (this.#text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      this.#string();
      this.space();
      this.#expect(':');
      this.space();
      this.value();
      this.space();
      if (this.#text[this.at] === '}') {
        this.at++;
        return;
      }
      this.#expect(',');
    }
  }

  #array(): void {
    this.at++;
    this.space();
    if (this.#text[this.at] === ']') {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      this.value();
      this.space();
      if (this.#text[this.at] === ']') {
        this.at++;
        return;
      }
      this.#expect(',');
    }
  }

  #string(): void {
    this.#expect('"');
    for (;;) {
      const code = this.#text.charCodeAt(this.at);
      if (Number.isNaN(code) || code < 0x20) throw new Stop();
      if (code === 0x22) {
        this.at++;
        return;
      }
      if (code === 0x5c) {
        const escaped = this.#text[this.at + 1] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.#text.slice(this.at + 2, this.at + 6))) {
            this.at++;
            throw new Stop();
          }
          this.at += 6;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') this.at += 2;
        else {
          this.at++;
          throw new Stop();
        }
      } else this.at++;
    }
  }

  #number(): void {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.at;
    const found = match.exec(this.#text);
    if (found === null) throw new Stop();
    this.at += found[0].length;
  }

  #literal(): void {
    for (const literal of LITERALS)
      if (this.#text.startsWith(literal, this.at)) {
        this.at += literal.length;
        return;
      }
    for (const literal of LITERALS) {
      let i = 0;
      while (i < literal.length && this.#text[this.at + i] === literal[i]) i++;
      if (i > 0) {
        this.at += i;
        throw new Stop();
      }
    }
    throw new Stop();
  }
}
