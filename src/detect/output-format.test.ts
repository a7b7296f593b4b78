// Rule outputs as libsinsp's event formatter expands them (falcosecurity/libs
// userspace/libsinsp/eventformatter.cpp): each `%` token takes the longest prefix that compiles as a
// field, `%<width>` pads or cuts, an absent value prints `<NA>` (Falco marks outputs with `*`, so
// absent values do not drop the line), a list prints `(a,b)`; the JSON output_fields give each
// untransformed field's value, null when absent (sinsp_filter_check::tojson).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRules, RulesError } from './index.ts';

const EVENT = {
  auditID: 'o',
  verb: 'get',
  user: { username: 'jane', groups: ['devs', 'ops'] },
  objectRef: { resource: 'pods', name: 'web' },
};

function render(output: string): { output: string; outputFields: unknown } {
  const text = `- rule: R\n  desc: d\n  condition: ka.verb exists\n  output: ${JSON.stringify(output)}\n  priority: INFO\n  source: k8s_audit\n`;
  const [alert] = compileRules([{ path: 'o.yaml', text }]).match(EVENT);
  assert.ok(alert);
  return { output: alert.output, outputFields: alert.outputFields };
}

describe('rule outputs', () => {
  it('expands fields next to punctuation, lists, absent values', () => {
    assert.deepEqual(
      render(
        '%ka.target.name/%ka.target.resource by %ka.user.name in %ka.user.groups (ns=%ka.target.namespace)',
      ),
      {
        output: 'web/pods by jane in (devs,ops) (ns=<NA>)',
        outputFields: {
          'ka.target.name': 'web',
          'ka.target.resource': 'pods',
          'ka.user.name': 'jane',
          'ka.user.groups': ['devs', 'ops'],
          'ka.target.namespace': null,
        },
      },
    );
  });

  it('takes the longest field name: %ka.target.named is ka.target.name then "d"', () => {
    assert.equal(render('%ka.target.named').output, 'webd');
  });

  it('pads and cuts to a width, and leaves transformed fields out of output_fields', () => {
    assert.deepEqual(render('[%6ka.verb][%2ka.user.name] %toupper(ka.user.name) %len(ka.user.groups)'), {
      output: '[get   ][ja] JANE 2',
      outputFields: { 'ka.verb': 'get', 'ka.user.name': 'jane' },
    });
  });

  it('reads field arguments', () => {
    assert.equal(render('%jevt.value[/objectRef/name]!').output, 'web!');
  });

  const ERRORS: readonly (readonly [string, string])[] = [
    ['user %', 'formatting cannot end with a %'],
    ['user %12', 'formatting cannot end with a number'],
    ['user % name', 'unknown filter'],
    ['user %ka.nothing.here', 'nonexistent field ka.nothing.here'],
  ];
  for (const [output, message] of ERRORS)
    it(`refuses ${JSON.stringify(output)}`, () => {
      assert.throws(
        () => render(output),
        (error: unknown) =>
          error instanceof RulesError &&
          error.reason.includes(message) &&
          error.reason.startsWith('invalid output format'),
      );
    });
});
