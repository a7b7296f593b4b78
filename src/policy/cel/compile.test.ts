// CEL conformance subset for every function kubeward adds to @bufbuild/cel, with expectations taken
// from the Kubernetes library docs and tests (kubernetes/apiserver pkg/cel/library/*_test.go) and
// cel-go ext (sets.go). Each function has a passing and a failing/erroring case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newBudget } from './budget.ts';
import { compileCel, isCompileError } from './compile.ts';
import { fromCel, toCelInput } from './values.ts';

function evaluate(expression: string, variables: Record<string, unknown> = {}): unknown {
  const program = compileCel(expression);
  if (isCompileError(program)) throw new Error(program.compileError);
  const inputs = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, toCelInput(value)]),
  );
  const outcome = program.evaluate(inputs, newBudget(), 1_000_000);
  if (outcome.kind === 'error') throw new Error(outcome.message);
  return fromCel(outcome.value);
}

function check(cases: readonly (readonly [string, unknown])[]): void {
  for (const [expression, expected] of cases)
    it(`${expression} == ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evaluate(expression), expected);
    });
}

function rejects(expressions: readonly (readonly [string, RegExp])[]): void {
  for (const [expression, error] of expressions)
    it(`${expression} is an error`, () => {
      assert.throws(() => evaluate(expression), error);
    });
}

describe('integers are CEL ints (apiserver types integer fields as int64)', () => {
  it('spec.replicas + 1 is an int', () => {
    assert.equal(
      evaluate('object.spec.replicas + 1 == 4 && type(object.spec.replicas) == int', {
        object: { spec: { replicas: 3 } },
      }),
      true,
    );
  });
  it('a fractional number stays a double', () => {
    assert.equal(evaluate('type(object.x) == double', { object: { x: 1.5 } }), true);
  });
  it('int and double do not mix in arithmetic', () => {
    assert.throws(() => evaluate('object.x + 1', { object: { x: 1.5 } }), /overload/);
  });
});

describe('strings extension (cel-go ext.Strings, as K8s uses it)', () => {
  check([
    ['"a,b".split(",")', ['a', 'b']],
    ['"abc".replace("b", "x")', 'axc'],
    ['" x ".trim()', 'x'],
    ['"Hello".lowerAscii() + "x".upperAscii()', 'helloX'],
    ['"hello".indexOf("l") + "hello".lastIndexOf("l")', 5],
    ['"hello".substring(1, 3)', 'el'],
    ['["a", "b"].join("-")', 'a-b'],
    ['"hello".charAt(1)', 'e'],
  ]);
  rejects([['"abc".substring(2, 1)', /.+/]]);
});

describe('Kubernetes lists library (pkg/cel/library/lists.go)', () => {
  check([
    ['[1, 2, 3].isSorted()', true],
    ['[3, 1].isSorted()', false],
    ['["a", "b"].isSorted()', true],
    ['[1, 2, 3].sum()', 6],
    ['[1.5, 2.5].sum()', 4],
    ['[].sum()', 0],
    ['[3, 1, 2].min()', 1],
    ['[3, 1, 2].max()', 3],
    ['[1, 2, 2, 3].indexOf(2)', 1],
    ['[1, 2, 2, 3].lastIndexOf(2)', 2],
    ['[1, 2].indexOf(5)', -1],
  ]);
  rejects([
    ['[].min()', /min called on empty list/],
    ['[1, "a"].max()', /comparable/],
  ]);
});

describe('cel-go sets extension (ext/sets.go)', () => {
  check([
    ['sets.contains([1, 2, 3], [2, 3])', true],
    ['sets.contains([1, 2], [3])', false],
    ['sets.contains([1], [1.0])', true],
    ['sets.equivalent([1, 2], [2, 1, 1])', true],
    ['sets.equivalent([1, 2], [1])', false],
    ['sets.intersects([1, 2], [2, 5])', true],
    ['sets.intersects([1], [2])', false],
  ]);
});

describe('Kubernetes regex library (pkg/cel/library/regex.go)', () => {
  check([
    ['"abc 123".find("[0-9]+")', '123'],
    ['"abc".find("[0-9]+")', ''],
    ['"123 abc 456".findAll("[0-9]+")', ['123', '456']],
    ['"123 abc 456".findAll("[0-9]+", 1)', ['123']],
    ['"a1b2c3".findAll("[0-9]", -1)', ['1', '2', '3']],
    ['"ABC".find("(?i)b")', 'B'],
    ['"x".matches("^[a-z]$")', true],
  ]);
  rejects([
    ['"abc".find("[")', /invalid regular expression/],
    ['"abc".find("(?=a)")', /invalid regular expression/],
  ]);
});

describe('Kubernetes quantity library (pkg/cel/library/quantity.go)', () => {
  check([
    ['isQuantity("1Gi")', true],
    ['isQuantity("1.5e3")', true],
    ['isQuantity("abc")', false],
    ['isQuantity("1GB")', false],
    ['quantity("1Gi").isGreaterThan(quantity("1000Mi"))', true],
    ['quantity("500m").isLessThan(quantity("1"))', true],
    ['quantity("1k") == quantity("1000")', true],
    ['quantity("1Ki").compareTo(quantity("1024"))', 0],
    ['quantity("200M").compareTo(quantity("1Gi"))', -1],
    ['quantity("1.5").isInteger()', false],
    ['quantity("2k").isInteger()', true],
    ['quantity("1Mi").asInteger()', 1048576],
    ['quantity("-3").sign()', -1],
    ['quantity("0").sign()', 0],
    ['quantity("500m").add(quantity("1")) == quantity("1500m")', true],
    ['quantity("1").add(2) == quantity("3")', true],
    ['quantity("1").sub(quantity("250m")) == quantity("750m")', true],
    ['quantity("1").sub(2).sign()', -1],
    ['quantity("1.5").asApproximateFloat()', 1.5],
  ]);
  rejects([
    ['quantity("abc")', /quantities must match/],
    ['quantity("1.5").asInteger()', /cannot convert value to integer/],
    ['quantity("10E").add(quantity("1E")).asInteger()', /cannot convert value to integer/],
  ]);
});

describe('Kubernetes URL library (pkg/cel/library/urls.go)', () => {
  check([
    ['url("https://example.com:8080/a/b?x=1").getScheme()', 'https'],
    ['url("https://example.com:8080/a/b?x=1").getHost()', 'example.com:8080'],
    ['url("https://example.com:8080/a/b?x=1").getHostname()', 'example.com'],
    ['url("https://example.com:8080/a/b?x=1").getPort()', '8080'],
    ['url("https://example.com/a%20b").getEscapedPath()', '/a%20b'],
    ['url("https://[::1]:80/").getHostname()', '::1'],
    ['url("/path?k=v&k=w").getQuery()', { k: ['v', 'w'] }],
    ['url("https://example.com").getPort()', ''],
    ['isURL("https://example.com")', true],
    ['isURL("/absolute/path")', true],
    ['isURL("../relative")', false],
    ['isURL("not a url")', false],
  ]);
  rejects([['url("../relative")', /URL parse error/]]);
});

describe('Kubernetes IP library (pkg/cel/library/ip.go)', () => {
  check([
    ['isIP("192.168.0.1")', true],
    ['isIP("2001:db8::1")', true],
    ['isIP("192.168.0.01")', false],
    ['isIP("::ffff:192.168.0.1")', false],
    ['isIP("fe80::1%eth0")', false],
    ['ip("192.168.0.1").family()', 4],
    ['ip("::1").family()', 6],
    ['ip.isCanonical("2001:db8::1")', true],
    ['ip.isCanonical("2001:DB8::1")', false],
    ['ip.isCanonical("2001:db8:0:0:0:0:0:1")', false],
    ['string(ip("2001:DB8:0:0:0:0:0:1"))', '2001:db8::1'],
    ['ip("0.0.0.0").isUnspecified()', true],
    ['ip("127.0.0.1").isLoopback() && ip("::1").isLoopback()', true],
    ['ip("10.0.0.1").isLoopback()', false],
    ['ip("224.0.0.1").isLinkLocalMulticast() && ip("ff02::1").isLinkLocalMulticast()', true],
    ['ip("169.254.1.1").isLinkLocalUnicast() && ip("fe80::1").isLinkLocalUnicast()', true],
    ['ip("8.8.8.8").isGlobalUnicast()', true],
    ['ip("255.255.255.255").isGlobalUnicast()', false],
    ['ip("10.0.0.1") == ip("10.0.0.1")', true],
  ]);
  rejects([['ip("300.1.1.1")', /parse error/]]);
});

describe('Kubernetes CIDR library (pkg/cel/library/cidr.go)', () => {
  check([
    ['isCIDR("10.0.0.0/8")', true],
    ['isCIDR("10.0.0.0/33")', false],
    ['isCIDR("10.0.0.0")', false],
    ['cidr("10.0.0.0/8").containsIP(ip("10.1.2.3"))', true],
    ['cidr("10.0.0.0/8").containsIP("11.0.0.1")', false],
    ['cidr("10.0.0.0/8").containsIP("::1")', false],
    ['cidr("10.0.0.0/8").containsCIDR(cidr("10.1.0.0/16"))', true],
    ['cidr("10.1.0.0/16").containsCIDR("10.0.0.0/8")', false],
    ['string(cidr("192.168.0.1/24").ip())', '192.168.0.1'],
    ['string(cidr("192.168.0.1/24").masked())', '192.168.0.0/24'],
    ['cidr("2001:db8::/32").prefixLength()', 32],
    ['string(cidr("2001:db8::/32"))', '2001:db8::/32'],
  ]);
  rejects([['cidr("10.0.0.0/40")', /parse error/]]);
});

describe('Kubernetes format library (pkg/cel/library/format.go)', () => {
  check([
    ['format.dns1123Label().validate("my-name").hasValue()', false],
    ['format.dns1123Label().validate("My_Name").hasValue()', true],
    ['format.dns1123Subdomain().validate("a.b-c.d").hasValue()', false],
    ['format.dns1035Label().validate("1abc").hasValue()', true],
    ['format.dns1123LabelPrefix().validate("prefix-").hasValue()', false],
    ['format.qualifiedName().validate("example.com/name").hasValue()', false],
    ['format.qualifiedName().validate("-bad").hasValue()', true],
    ['format.labelValue().validate("").hasValue()', false],
    ['format.labelValue().validate("bad value").hasValue()', true],
    ['format.named("uuid").validate("123e4567-e89b-12d3-a456-426614174000").hasValue()', false],
    ['format.named("uuid").validate("x").value()', ['does not match the UUID format']],
    ['format.byte().validate("aGVsbG8=").hasValue()', false],
    ['format.date().validate("2024-02-30x").hasValue()', true],
    ['format.datetime().validate("2024-01-01T00:00:00Z").hasValue()', false],
    ['format.uri().validate("https://example.com").hasValue()', false],
    ['format.labelValue().validate("ok").orValue([])', []],
  ]);
  rejects([
    ['format.named("nope")', /unknown format/],
    ['format.labelValue().validate("ok").value()', /optional.none/],
  ]);
});

describe('compile errors are reported, never thrown', () => {
  it('a syntax error names the position', () => {
    const program = compileCel('1 +');
    assert.ok(isCompileError(program));
    assert.match(program.compileError, /compilation failed: <input>:1:3/);
  });
});
