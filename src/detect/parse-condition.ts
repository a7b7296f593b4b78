import type {
  ConditionPosition,
  ExprNode,
  FieldNode,
  ListNode,
  OperandNode,
  TransformerNode,
  ValueNode,
} from './ast.ts';

/** A condition that does not parse: the message and where the parser stood. */
export class ConditionSyntaxError extends Error {
  override readonly name = 'ConditionSyntaxError';
  readonly pos: ConditionPosition;
  constructor(message: string, pos: ConditionPosition) {
    super(message);
    this.pos = pos;
  }
}

// The lexical classes of Falco's filter grammar (falcosecurity/libs userspace/libsinsp/filter/parser.cpp).
const NOT_BLANK = /not[ \t\n\r\f\v]+/y;
const IDENTIFIER = /[a-zA-Z]+[a-zA-Z0-9_]*/y;
const FIELD_NAME = /[a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z]+[a-zA-Z0-9_]*)+/y;
const FIELD_ARG_BARE = /[^\][\s"']+/y;
const HEX_NUMBER = /0[xX][0-9a-fA-F]+/y;
const NUMBER = /[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y;
const BARE_STRING = /[^()"'\s=,]+/y;

const NUMERIC_OPS = ['<=', '<', '>=', '>'];
/** String operators; a trailing space means a blank must follow the word. */
const STRING_OPS = [
  '==',
  '=',
  '!=',
  'glob ',
  'iglob ',
  'contains ',
  'icontains ',
  'bcontains ',
  'startswith ',
  'bstartswith ',
  'endswith ',
  'regex ',
];
const LIST_OPS = ['intersects', 'in', 'pmatch'];
const TRANSFORMERS = ['tolower(', 'toupper(', 'b64(', 'basename(', 'len(', 'join(', 'concat(', 'getopt('];
const SUPPORTED_TRANSFORMERS = new Set(['tolower', 'toupper', 'b64', 'basename', 'len']);
const MAX_DEPTH = 1000;

/** Every operator of the grammar, as Falco lists them in its errors. */
export const OPERATORS: readonly string[] = ['exists', ...NUMERIC_OPS, ...STRING_OPS, ...LIST_OPS].map((op) =>
  op.trim(),
);

/**
 * Parses a Falco filter condition into its syntax tree, following libsinsp's recursive-descent grammar
 * (falcosecurity/libs userspace/libsinsp/filter/parser.cpp): `or` binds loosest, then `and`, then `not`;
 * a check is a parenthesised expression, a field (or transformer) with an operator, or a bare identifier
 * (a macro). Throws ConditionSyntaxError with the position where parsing stopped.
 */
export function parseCondition(input: string): ExprNode {
  return new Parser(input).parse();
}

/** Parses one output token, `%field` or `%tolower(field)`: the operand and how many characters it used. */
export function parseOutputOperand(input: string): { operand: OperandNode; length: number } | undefined {
  const parser = new Parser(input);
  try {
    const operand = parser.fieldOrTransformer();
    return { operand, length: parser.idx };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return undefined;
    throw error;
  }
}

class Parser {
  private readonly input: string;
  idx = 0;
  private line = 1;
  private col = 1;
  private depth = 0;
  private lastToken = '';

  constructor(input: string) {
    this.input = input;
  }

  parse(): ExprNode {
    if (this.input.length === 0) throw this.error('filter input string is empty');
    const result = this.parseOr();
    if (this.idx !== this.input.length)
      throw this.error(`unexpected token after '${this.lastToken}', expecting 'or', 'and'`);
    return result;
  }

  fieldOrTransformer(): OperandNode {
    const pos = this.pos();
    if (this.lexRegex(FIELD_NAME)) return this.fieldRemainder(this.lastToken, pos);
    if (this.lexList(TRANSFORMERS)) {
      this.lexBlank();
      return this.transformerRemainder(this.lastToken.slice(0, -1), pos);
    }
    throw this.error(`unexpected token after '${this.lastToken}'`);
  }

  private parseOr(): ExprNode {
    return this.nested(() => {
      const pos = this.pos();
      this.lexBlank();
      const children = [this.parseAnd()];
      this.lexBlank();
      while (this.lexString('or')) {
        children.push(this.afterKeyword('or', () => this.parseAnd()));
        this.lexBlank();
      }
      return children.length > 1 ? { kind: 'or', children, pos } : (children[0] as ExprNode);
    });
  }

  private parseAnd(): ExprNode {
    return this.nested(() => {
      const pos = this.pos();
      this.lexBlank();
      const children = [this.parseNot()];
      this.lexBlank();
      while (this.lexString('and')) {
        children.push(this.afterKeyword('and', () => this.parseNot()));
        this.lexBlank();
      }
      return children.length > 1 ? { kind: 'and', children, pos } : (children[0] as ExprNode);
    });
  }

  private afterKeyword(keyword: string, next: () => ExprNode): ExprNode {
    if (this.lexBlank()) return next();
    if (this.lexString('(')) return this.embeddedRemainder();
    throw this.error(`expected blank or '(' after '${keyword}'`);
  }

  private parseNot(): ExprNode {
    return this.nested(() => {
      const pos = this.pos();
      let negated = false;
      this.lexBlank();
      while (this.lexRegex(NOT_BLANK)) negated = !negated;
      let child: ExprNode;
      if (this.lexString('not(')) {
        negated = !negated;
        child = this.embeddedRemainder();
      } else child = this.parseCheck();
      return negated ? { kind: 'not', child, pos } : child;
    });
  }

  private embeddedRemainder(): ExprNode {
    return this.nested(() => {
      this.lexBlank();
      const child = this.parseOr();
      this.lexBlank();
      if (!this.lexString(')')) throw this.error("expected a ')' token");
      return child;
    });
  }

  private parseCheck(): ExprNode {
    return this.nested(() => {
      const pos = this.pos();
      this.lexBlank();
      if (this.lexString('(')) return this.embeddedRemainder();
      if (this.lexRegex(FIELD_NAME)) return this.condition(this.fieldRemainder(this.lastToken, pos), pos);
      if (this.lexList(TRANSFORMERS)) {
        this.lexBlank();
        return this.condition(this.transformerRemainder(this.lastToken.slice(0, -1), pos), pos);
      }
      if (this.lexRegex(IDENTIFIER)) return { kind: 'identifier', name: this.lastToken, pos };
      throw this.error("expected a '(' token, a field check, or an identifier");
    });
  }

  private fieldRemainder(name: string, pos: ConditionPosition): FieldNode {
    return { kind: 'field', name, arg: this.optionalFieldArg(), pos };
  }

  private optionalFieldArg(): string | undefined {
    if (!this.lexString('[')) return undefined;
    if (!this.lexQuoted() && !this.lexRegex(FIELD_ARG_BARE))
      throw this.error('expected a valid field argument: a quoted string or a bare string');
    const arg = this.lastToken;
    if (!this.lexString(']')) throw this.error("expected a ']' token");
    return arg;
  }

  private transformerRemainder(name: string, pos: ConditionPosition): TransformerNode {
    return this.nested(() => {
      if (!SUPPORTED_TRANSFORMERS.has(name))
        throw this.error(`field transformer '${name}' is not supported for k8s_audit fields`);
      this.lexBlank();
      const operandPos = this.pos();
      let operand: OperandNode;
      if (this.lexRegex(FIELD_NAME)) operand = this.fieldRemainder(this.lastToken, operandPos);
      else if (this.lexList(TRANSFORMERS)) {
        this.lexBlank();
        operand = this.transformerRemainder(this.lastToken.slice(0, -1), operandPos);
      } else throw this.error(`expected a field or a nested valid transformer in '${name}'`);
      this.lexBlank();
      if (!this.lexString(')')) throw this.error("expected a ')' token closing the transformer");
      return { kind: 'transformer', name: name as TransformerNode['name'], operand, pos };
    });
  }

  private condition(left: OperandNode, pos: ConditionPosition): ExprNode {
    return this.nested(() => {
      this.lexBlank();
      if (this.lexOperator(['exists'])) return { kind: 'unary', left, op: 'exists', pos };
      this.lexBlank();
      if (this.lexOperator(NUMERIC_OPS)) {
        const op = this.lastToken;
        return { kind: 'binary', left, op, right: this.numberOrTransformer(), pos };
      }
      if (this.lexOperator(STRING_OPS)) {
        const op = this.lastToken.trim();
        return { kind: 'binary', left, op, right: this.stringOrTransformer(), pos };
      }
      if (this.lexOperator(LIST_OPS)) {
        const op = this.lastToken;
        return { kind: 'binary', left, op, right: this.listOrTransformer(), pos };
      }
      throw this.error(
        `expected a valid check operator: one of ${OPERATORS.map((op) => `'${op}'`).join(', ')}`,
      );
    });
  }

  private numberOrTransformer(): ValueNode | OperandNode {
    this.lexBlank();
    const pos = this.pos();
    const transformer = this.transformerOrVal();
    if (transformer) return transformer;
    if (this.lexRegex(HEX_NUMBER) || this.lexRegex(NUMBER))
      return { kind: 'value', value: this.lastToken, pos };
    throw this.error('expected a number value or a field with a valid transformer');
  }

  private stringOrTransformer(): ValueNode | OperandNode {
    this.lexBlank();
    const pos = this.pos();
    const transformer = this.transformerOrVal();
    if (transformer) return transformer;
    return this.stringValue(pos);
  }

  private stringValue(pos: ConditionPosition): ValueNode {
    if (this.lexQuoted() || this.lexRegex(BARE_STRING)) return { kind: 'value', value: this.lastToken, pos };
    throw this.error('expected a string value');
  }

  private listOrTransformer(): ValueNode | ListNode | OperandNode {
    this.lexBlank();
    const pos = this.pos();
    if (this.lexString('(')) return this.listRemainder(pos);
    const transformer = this.transformerOrVal();
    if (transformer) return transformer;
    if (this.lexRegex(IDENTIFIER)) return { kind: 'value', value: this.lastToken, pos };
    throw this.error('expected a list, an identifier, or a field with a valid transformer');
  }

  private listRemainder(pos: ConditionPosition): ListNode {
    const values: string[] = [];
    this.lexBlank();
    if (this.lexQuoted() || this.lexRegex(BARE_STRING)) {
      values.push(this.lastToken);
      this.lexBlank();
      while (this.lexString(',')) {
        this.lexBlank();
        values.push(this.stringValue(this.pos()).value);
        this.lexBlank();
      }
    }
    if (!this.lexString(')')) throw this.error("expected a ')' token");
    return { kind: 'list', values, pos };
  }

  private transformerOrVal(): OperandNode | undefined {
    const pos = this.pos();
    if (this.lexString('val(')) {
      this.lexBlank();
      const fieldPos = this.pos();
      if (!this.lexRegex(FIELD_NAME)) throw this.error("expected a field within 'val' transformer");
      const operand = this.fieldRemainder(this.lastToken, fieldPos);
      this.lexBlank();
      if (!this.lexString(')')) throw this.error("expected a ')' token closing the transformer");
      return { kind: 'transformer', name: 'val', operand, pos };
    }
    if (this.lexList(TRANSFORMERS)) {
      this.lexBlank();
      return this.transformerRemainder(this.lastToken.slice(0, -1), pos);
    }
    return undefined;
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth >= MAX_DEPTH) throw this.error(`exceeded max depth limit of ${MAX_DEPTH}`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private pos(): ConditionPosition {
    return { idx: this.idx, line: this.line, col: this.col };
  }

  private error(message: string): ConditionSyntaxError {
    return new ConditionSyntaxError(message, this.pos());
  }

  private advance(text: string): void {
    for (const c of text) {
      this.col++;
      if (c === '\r' || c === '\n') {
        this.col = 1;
        this.line++;
      }
    }
    this.idx += text.length;
  }

  private lexBlank(): boolean {
    const start = this.idx;
    let end = start;
    while (end < this.input.length && ' \t\b\r\n'.includes(this.input[end] as string)) end++;
    if (end === start) return false;
    this.advance(this.input.slice(start, end));
    return true;
  }

  private lexString(text: string): boolean {
    if (!this.input.startsWith(text, this.idx)) return false;
    this.lastToken = text;
    this.advance(text);
    return true;
  }

  private lexList(texts: readonly string[]): boolean {
    return texts.some((text) => this.lexString(text));
  }

  private lexRegex(regex: RegExp): boolean {
    regex.lastIndex = this.idx;
    const match = regex.exec(this.input);
    if (match === null) return false;
    this.lastToken = match[0];
    this.advance(match[0]);
    return true;
  }

  /** An operator; a word operator (`contains`) must be followed by a blank, a symbol (`=`) need not. */
  private lexOperator(ops: readonly string[]): boolean {
    for (const op of ops) {
      if (!op.endsWith(' ')) {
        if (this.lexString(op)) return true;
        continue;
      }
      const saved = this.save();
      if (this.lexString(op.trim()) && this.lexBlank()) {
        this.lastToken = op;
        return true;
      }
      this.restore(saved);
    }
    return false;
  }

  private save(): { idx: number; line: number; col: number; token: string } {
    return { idx: this.idx, line: this.line, col: this.col, token: this.lastToken };
  }

  private restore(saved: { idx: number; line: number; col: number; token: string }): void {
    this.idx = saved.idx;
    this.line = saved.line;
    this.col = saved.col;
    this.lastToken = saved.token;
  }

  private lexQuoted(): boolean {
    const delimiter = this.input[this.idx];
    if (delimiter !== '"' && delimiter !== "'") return false;
    let prev = '\\';
    for (let i = this.idx; i < this.input.length; i++) {
      const c = this.input[i] as string;
      if (c === delimiter && prev !== '\\' && i > this.idx) {
        const raw = this.input.slice(this.idx, i + 1);
        this.lastToken = unescape(raw, this.pos());
        this.advance(raw);
        return true;
      }
      prev = c;
    }
    return false;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  ' ': '\\',
  '\\': '\\',
  '/': '/',
};

/** The value of a quoted string (falcosecurity/libs userspace/libsinsp/filter/escaping.cpp). */
function unescape(quoted: string, pos: ConditionPosition): string {
  const quote = quoted[0];
  let result = '';
  for (let i = 1; i < quoted.length - 1; i++) {
    const c = quoted[i] as string;
    if (c !== '\\') {
      result += c;
      continue;
    }
    const next = quoted[++i] as string;
    const simple = ESCAPES[next];
    if (simple !== undefined) result += simple;
    else if (next === '"' || next === "'") {
      if (next !== quote)
        throw new ConditionSyntaxError(
          next === '"' ? `invalid \\" escape in '-quoted string` : `invalid \\' escape in "-quoted string`,
          pos,
        );
      result += next;
    } else if (next === 'x') {
      const hex = quoted.slice(i + 1, i + 3);
      if (i + 2 >= quoted.length - 1)
        throw new ConditionSyntaxError('truncated hex char escape sequence', pos);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw new ConditionSyntaxError(`invalid hex char escape sequence: ${hex}`, pos);
      result += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else throw new ConditionSyntaxError(`invalid \\${next} escape sequence`, pos);
  }
  return result;
}
