// The filter grammar of falcosecurity/libs userspace/libsinsp/filter/parser.cpp: precedence
// (or < and < not), the lexical classes (field names need a dot; bare strings stop at blanks,
// parentheses, quotes, `=` and `,`), word operators that need a blank after them, quoted strings
// unescaped as escaping.cpp does, and errors that stop at the position the parser reached.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExprNode } from './ast.ts';
import { ConditionSyntaxError, parseCondition } from './parse-condition.ts';

/** A compact rendering of a syntax tree, to compare shapes. */
function show(node: ExprNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${node.children.map(show).join(', ')})`;
    case 'not':
      return `not(${show(node.child)})`;
    case 'identifier':
      return `@${node.name}`;
    case 'unary':
      return `${operand(node.left)} exists`;
    case 'binary': {
      const r = node.right;
      const right =
        r.kind === 'list'
          ? `[${r.values.map((v) => JSON.stringify(v)).join(' ')}]`
          : r.kind === 'value'
            ? JSON.stringify(r.value)
            : operand(r);
      return `${operand(node.left)} ${node.op} ${right}`;
    }
  }
}

function operand(node: Extract<ExprNode, { kind: 'binary' }>['left']): string {
  if (node.kind === 'field') return node.arg === undefined ? node.name : `${node.name}[${node.arg}]`;
  return `${node.name}(${operand(node.operand)})`;
}

const SHAPES: readonly (readonly [string, string])[] = [
  ['a or b and c', 'or(@a, and(@b, @c))'],
  ['(a or b) and c', 'and(or(@a, @b), @c)'],
  ['not a and b', 'and(not(@a), @b)'],
  ['not not a', '@a'],
  ['not(a or b)', 'not(or(@a, @b))'],
  ['a and(b)', 'and(@a, @b)'],
  ['ka.verb=get', 'ka.verb = "get"'],
  ['ka.verb == get', 'ka.verb == "get"'],
  ['ka.verb != "get"', 'ka.verb != "get"'],
  ['ka.uri startswith /healthz?', 'ka.uri startswith "/healthz?"'],
  ['ka.target.subresource exists', 'ka.target.subresource exists'],
  ['ka.verb in (create,update, "patch")', 'ka.verb in ["create" "update" "patch"]'],
  ['ka.verb in ()', 'ka.verb in []'],
  ['ka.user.groups intersects (system:masters)', 'ka.user.groups intersects ["system:masters"]'],
  ['ka.verb in my_list', 'ka.verb in "my_list"'],
  ['ka.uri pmatch (/api, /apis)', 'ka.uri pmatch ["/api" "/apis"]'],
  ['ka.req.pod.containers.image[0] = nginx', 'ka.req.pod.containers.image[0] = "nginx"'],
  ['ka.uri.param[command] contains sh', 'ka.uri.param[command] contains "sh"'],
  ["ka.uri.param['a b'] = x", 'ka.uri.param[a b] = "x"'],
  ['jevt.value[/objectRef/name]=web', 'jevt.value[/objectRef/name] = "web"'],
  ['tolower(ka.user.name) = admin', 'tolower(ka.user.name) = "admin"'],
  ['len(ka.user.groups) > 2', 'len(ka.user.groups) > "2"'],
  ['basename(toupper(ka.uri)) endswith X', 'basename(toupper(ka.uri)) endswith "X"'],
  ['ka.user.name = val(ka.impuser.name)', 'ka.user.name = val(ka.impuser.name)'],
  ['ka.uri glob "/api/*"', 'ka.uri glob "/api/*"'],
  ['ka.uri regex "^/api/v[0-9]+$"', 'ka.uri regex "^/api/v[0-9]+$"'],
  ['ka.verb icontains GET', 'ka.verb icontains "GET"'],
  ['ka.response.code >= 400', 'ka.response.code >= "400"'],
  ['ka.response.code < 0x1F', 'ka.response.code < "0x1F"'],
  ["ka.user.name = 'it\\'s'", 'ka.user.name = "it\'s"'],
  ['ka.user.name = "a\\tb\\x41"', 'ka.user.name = "a\\tbA"'],
  ['ka.verb\n  in (get)\nand ka.uri exists', 'and(ka.verb in ["get"], ka.uri exists)'],
];

describe('parseCondition (libsinsp filter grammar)', () => {
  for (const [input, expected] of SHAPES)
    it(`parses ${JSON.stringify(input)}`, () => {
      assert.equal(show(parseCondition(input)), expected);
    });

  it('keeps positions: line, column and offset of each node', () => {
    const tree = parseCondition('a and\n  ka.verb = get');
    assert.equal(tree.kind, 'and');
    if (tree.kind !== 'and') return;
    const check = tree.children[1];
    assert.ok(check?.kind === 'binary');
    assert.deepEqual(check.pos, { idx: 8, line: 2, col: 3 });
    assert.deepEqual(check.right.pos, { idx: 18, line: 2, col: 13 });
  });

  const ERRORS: readonly (readonly [string, string, number])[] = [
    ['', 'filter input string is empty', 1],
    ['ka.verb', "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>'", 8],
    ['ka.verb = get ka.uri exists', "unexpected token after 'get', expecting 'or', 'and'", 15],
    ['(a and b', "expected a ')' token", 9],
    ['a andb', "expected blank or '(' after 'and'", 6],
    ['a or', "expected blank or '(' after 'or'", 5],
    ['a and ()', "expected a '(' token, a field check, or an identifier", 8],
    ['ka.verb containsx', "expected a valid check operator: one of 'exists'", 9],
    ['ka.verb in get,', "unexpected token after 'get', expecting 'or', 'and'", 15],
    ['ka.uri.param[x = 1', "expected a ']' token", 15],
    ['ka.verb < abc', 'expected a number value or a field with a valid transformer', 11],
    ['ka.user.name = "unterminated', 'expected a string value', 16],
    ["ka.user.name = 'a\\\"b'", 'invalid \\" escape in \'-quoted string', 16],
    ['join(ka.user.groups) = x', "field transformer 'join' is not supported for k8s_audit fields", 6],
  ];
  for (const [input, message, col] of ERRORS)
    it(`rejects ${JSON.stringify(input)} at column ${col}`, () => {
      assert.throws(
        () => parseCondition(input),
        (error: unknown) =>
          error instanceof ConditionSyntaxError && error.message.startsWith(message) && error.pos.col === col,
      );
    });

  it('stops at a nesting depth of 1000', () => {
    assert.throws(
      () => parseCondition(`${'('.repeat(400)}a${')'.repeat(400)}`),
      /exceeded max depth limit of 1000/,
    );
  });
});
