// Loading rules files as Falco does (falcosecurity/falco userspace/engine/rule_loader_reader.cpp,
// rule_loader_collector.cpp and rule_loader_compiler.cpp): items in order across files, redefinition in
// place, `append: true` and `override` (append/replace), exceptions composed into the condition, lists
// substituted into conditions by name, macros visible to rules wherever defined but to macros only
// when defined before, rules of other sources skipped, and errors that name file, line, rule and the
// position in the condition.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRules, RulesError } from './index.ts';
import type { RulesFile } from './index.ts';

const EVENT = {
  auditID: 'e',
  stage: 'ResponseComplete',
  verb: 'create',
  requestURI: '/api/v1/namespaces/shop/configmaps',
  user: { username: 'jane', groups: ['devs'] },
  objectRef: { resource: 'configmaps', namespace: 'shop', name: 'settings' },
  responseStatus: { code: 201 },
  stageTimestamp: '2026-03-14T09:26:05.158832Z',
};

const file = (path: string, text: string): RulesFile => ({ path, text });

const BASE = file(
  'base.yaml',
  `- required_engine_version: 15
- required_plugin_versions:
    - name: k8saudit
      version: 0.18.0
- list: writers
  items: [create, update]
- macro: writes
  condition: ka.verb in (writers)
- rule: Config Written
  desc: a configmap was written
  condition: writes and ka.target.resource = configmaps
  output: configmap %ka.target.name written by %ka.user.name
  priority: notice
  source: k8s_audit
  tags: [config]
- rule: Any Write
  desc: any write
  condition: writes
  output: write by %ka.user.name
  priority: INFO
  source: k8s_audit
  tags: [audit]
- rule: Spawned Shell
  desc: a syscall rule
  condition: evt.type = execve and proc.name = bash
  output: shell
  priority: WARNING
- rule: Other Source Rule
  desc: another source
  condition: ct.name = CreateUser
  output: cloudtrail
  priority: WARNING
  source: aws_cloudtrail
`,
);

function rulesFired(files: readonly RulesFile[], event: unknown = EVENT): string[] {
  return compileRules(files, { ruleMatching: 'all' })
    .match(event)
    .map((a) => a.rule);
}

/** The RulesError compileRules throws, for its message. */
function failure(files: readonly RulesFile[]): RulesError {
  try {
    compileRules(files);
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  assert.fail('expected a RulesError');
}

describe('compileRules: loading', () => {
  it('keeps k8s_audit rules, notes the others once per source, records plugin versions', () => {
    const ruleset = compileRules([BASE]);
    assert.deepEqual(
      ruleset.rules.map((r) => [r.name, r.priority, r.tags, r.enabled, r.file]),
      [
        ['Config Written', 'NOTICE', ['config'], true, 'base.yaml'],
        ['Any Write', 'INFORMATIONAL', ['audit'], true, 'base.yaml'],
      ],
    );
    assert.deepEqual(ruleset.notes, [
      'skipped 1 rule for source syscall',
      'skipped 1 rule for source aws_cloudtrail',
    ]);
    assert.deepEqual(ruleset.requiredPluginVersions, [{ name: 'k8saudit', version: '0.18.0' }]);
  });

  it("reports the first matching rule by default (Falco's rule_matching: first), all on request", () => {
    assert.deepEqual(
      compileRules([BASE])
        .match(EVENT)
        .map((a) => a.rule),
      ['Config Written'],
    );
    assert.deepEqual(rulesFired([BASE]), ['Config Written', 'Any Write']);
    assert.deepEqual(rulesFired([BASE], { ...EVENT, verb: 'delete' }), []);
  });

  it('expands the output and stamps the alert with the event time', () => {
    const [alert] = compileRules([BASE]).match(EVENT);
    assert.deepEqual(alert, {
      time: '2026-03-14T09:26:05.158832000Z',
      rule: 'Config Written',
      priority: 'NOTICE',
      output: 'configmap settings written by jane',
      outputFields: { 'ka.target.name': 'settings', 'ka.user.name': 'jane' },
      tags: ['config'],
      source: 'k8s_audit',
    });
  });

  it('disables rules by enabled: false and by tag', () => {
    const off = file('off.yaml', `- rule: Config Written\n  enabled: false\n`);
    const ruleset = compileRules([BASE, off], { ruleMatching: 'all' });
    assert.deepEqual(
      ruleset.rules.map((r) => r.enabled),
      [false, true],
    );
    assert.match(
      ruleset.notes[0] ?? '',
      /off\.yaml:1:3: rule 'Config Written': The standalone 'enabled' key/,
    );
    assert.deepEqual(
      ruleset.match(EVENT).map((a) => a.rule),
      ['Any Write'],
    );
    assert.deepEqual(
      compileRules([BASE], { disabledTags: ['audit'], ruleMatching: 'all' })
        .match(EVENT)
        .map((a) => a.rule),
      ['Config Written'],
    );
  });

  it('lets later files redefine, append to and override lists, macros and rules', () => {
    const local = file(
      'local.yaml',
      `- list: writers
  items: [delete]
  append: true
- macro: writes
  condition: or ka.verb = patch
  override:
    condition: append
- rule: Config Written
  condition: and ka.target.namespace != kube-system
  output: (ns %ka.target.namespace)
  override:
    condition: append
    output: append
- rule: Any Write
  priority: ERROR
  tags: [replaced]
  override:
    priority: replace
    tags: replace
`,
    );
    const ruleset = compileRules([BASE, local], { ruleMatching: 'all' });
    assert.deepEqual(
      ruleset.rules.map((r) => [r.name, r.priority, r.tags]),
      [
        ['Config Written', 'NOTICE', ['config']],
        ['Any Write', 'ERROR', ['replaced']],
      ],
    );
    assert.deepEqual(
      ruleset.match({ ...EVENT, verb: 'delete' }).map((a) => a.output),
      ['configmap settings written by jane (ns shop)', 'write by jane'],
    );
    assert.deepEqual(
      ruleset.match({ ...EVENT, verb: 'patch' }).map((a) => a.rule),
      ['Config Written', 'Any Write'],
    );
    assert.deepEqual(
      ruleset
        .match({ ...EVENT, objectRef: { ...EVENT.objectRef, namespace: 'kube-system' } })
        .map((a) => a.rule),
      ['Any Write'],
    );
  });

  it('replaces a redefined rule in place, keeping its order', () => {
    const local = file(
      'local.yaml',
      `- rule: Config Written
  desc: narrower
  condition: writes and ka.target.name = other
  output: other
  priority: ALERT
  source: k8s_audit
`,
    );
    const ruleset = compileRules([BASE, local], { ruleMatching: 'all' });
    assert.deepEqual(
      ruleset.rules.map((r) => [r.name, r.priority, r.file]),
      [
        ['Config Written', 'ALERT', 'local.yaml'],
        ['Any Write', 'INFORMATIONAL', 'base.yaml'],
      ],
    );
    assert.deepEqual(
      ruleset.match(EVENT).map((a) => a.rule),
      ['Any Write'],
    );
  });

  it('composes exceptions: one field with in, several fields with comps, list values, appended values', () => {
    const rules = file(
      'exceptions.yaml',
      `- rule: Write
  desc: writes
  condition: ka.verb in (create, update)
  output: write
  priority: WARNING
  source: k8s_audit
  exceptions:
    - name: trusted_users
      fields: ka.user.name
      values: [ci-bot, "release manager"]
    - name: user_in_namespace
      fields: [ka.user.name, ka.target.namespace]
      comps: [=, in]
      values:
        - [jane, [staging, dev]]
    - name: by_prefix
      fields: [ka.target.name]
      comps: [startswith]
      values: [[tmp-]]
- rule: Write
  exceptions:
    - name: user_in_namespace
      values:
        - [jane, shop]
  override:
    exceptions: append
`,
    );
    const fires = (event: unknown): boolean => compileRules([rules]).match(event).length > 0;
    assert.equal(fires({ ...EVENT, user: { username: 'bob' } }), true);
    assert.equal(fires({ ...EVENT, user: { username: 'ci-bot' } }), false);
    assert.equal(fires({ ...EVENT, user: { username: 'release manager' } }), false);
    assert.equal(fires(EVENT), false, 'jane in shop, appended');
    assert.equal(fires({ ...EVENT, objectRef: { ...EVENT.objectRef, namespace: 'prod' } }), true);
    assert.equal(
      fires({ ...EVENT, user: { username: 'bob' }, objectRef: { ...EVENT.objectRef, name: 'tmp-1' } }),
      false,
    );
  });

  it('skips a rule with an unknown field when skip-if-unknown-filter is set', () => {
    const rules = file(
      'skip.yaml',
      `- rule: Future
  desc: uses a field this engine lacks
  condition: ka.future.field = x
  output: x
  priority: WARNING
  source: k8s_audit
  skip-if-unknown-filter: true
`,
    );
    const ruleset = compileRules([rules]);
    assert.deepEqual(ruleset.rules, []);
    assert.deepEqual(ruleset.notes, [
      "skip.yaml:1:3: rule 'Future': skipped: filter_check called with nonexistent field ka.future.field",
    ]);
  });

  it('lets rules use macros defined after them, and macros only those defined before', () => {
    const later = file(
      'later.yaml',
      `- rule: Early
  desc: uses a later macro
  condition: late_macro
  output: x
  priority: WARNING
  source: k8s_audit
- macro: late_macro
  condition: ka.verb = create
`,
    );
    assert.deepEqual(rulesFired([later]), ['Early']);
    const inMacro = file(
      'm.yaml',
      `- macro: first\n  condition: second\n- macro: second\n  condition: ka.verb exists\n`,
    );
    assert.equal(
      failure([inMacro]).message,
      "m.yaml:2:3: macro 'first': condition at 1:1: Undefined macro 'second' used in filter.\n  second\n  ^",
    );
  });
});

describe('compileRules: errors', () => {
  const rule = (condition: string, extra = ''): RulesFile =>
    file(
      'bad.yaml',
      `- macro: known\n  condition: ka.verb exists\n- rule: Bad Rule\n  desc: d\n  condition: ${condition}\n  output: o\n  priority: WARNING\n  source: k8s_audit\n${extra}`,
    );

  const CASES: readonly (readonly [string, RulesFile, string])[] = [
    [
      'a syntax error, with the position in the condition',
      rule('known and ka.verb = get ka.uri exists'),
      "bad.yaml:5:3: rule 'Bad Rule': condition at 1:25: unexpected token after 'get', expecting 'or', 'and'\n  known and ka.verb = get ka.uri exists\n                          ^",
    ],
    [
      'an undefined macro',
      rule('known and unknown_macro'),
      "bad.yaml:5:3: rule 'Bad Rule': condition at 1:11: Undefined macro 'unknown_macro' used in filter.\n  known and unknown_macro\n            ^",
    ],
    [
      'an unknown field',
      rule('known and ka.verbs = get'),
      "bad.yaml:5:3: rule 'Bad Rule': condition at 1:11: filter_check called with nonexistent field ka.verbs\n  known and ka.verbs = get\n            ^",
    ],
    [
      'an invalid priority',
      file('p.yaml', '- rule: R\n  desc: d\n  condition: ka.verb exists\n  output: o\n  priority: LOUD\n'),
      "p.yaml:5:3: rule 'R': Invalid priority 'LOUD'",
    ],
    [
      'a missing key',
      file('k.yaml', '- rule: R\n  desc: d\n  condition: ka.verb exists\n  priority: INFO\n'),
      "k.yaml:1:3: rule 'R': Item has no mapping for key 'output'",
    ],
    [
      'an append to nothing',
      file('a.yaml', '- list: nothing\n  items: [x]\n  append: true\n'),
      "a.yaml:1:3: list 'nothing': List uses 'append' or 'override.items: append' but no list by that name already exists",
    ],
    [
      'an override of a key the item lacks',
      file(
        'o.yaml',
        '- macro: m\n  condition: ka.verb exists\n- macro: m\n  condition: ka.uri exists\n  override:\n    items: append\n',
      ),
      "o.yaml:6:5: macro 'm': Key 'items' cannot be overridden with 'append'",
    ],
    [
      'a bad output token',
      file('out.yaml', rule('known').text.replace('output: o', 'output: user %ka.nope.x')),
      "out.yaml:6:3: rule 'Bad Rule': condition at 1:7: invalid output format: unknown filter: filter_check called with nonexistent field ka.nope.x\n  user %ka.nope.x\n        ^",
    ],
    [
      'a newer engine requirement',
      file('v.yaml', '- required_engine_version: 0.99.0\n'),
      'v.yaml:1:3: Rules require engine version 0.99.0, but engine version is 0.63.0',
    ],
    [
      'not a list of items',
      file('n.yaml', 'rule: R\n'),
      'n.yaml:1:1: Rules content is not yaml array of objects',
    ],
    [
      'an item that is no mapping',
      file('i.yaml', '- just a string\n'),
      'i.yaml:1:3: Unexpected element type. Each element should be a yaml associative array.',
    ],
    [
      'an exception with unequal fields and values',
      rule(
        'known',
        '  exceptions:\n    - name: e\n      fields: [ka.user.name, ka.verb]\n      values: [[jane]]\n',
      ),
      "bad.yaml:10:7: rule 'Bad Rule' exception 'e': Fields and values lists must have equal length",
    ],
  ];
  for (const [what, rules, message] of CASES)
    it(`reports ${what}`, () => {
      assert.equal(failure([rules]).message, message);
    });

  it('reports a YAML syntax error at its line', () => {
    const error = failure([file('y.yaml', '- rule: R\n  desc: [unclosed\n')]);
    assert.match(error.message, /^y\.yaml:\d+:\d+: /);
    assert.equal(error.code, 'config');
  });

  it('reports an error inside a macro at the macro, naming the rule using it', () => {
    const rules = file(
      'macro.yaml',
      '- macro: broken\n  condition: ka.user.groups = devs\n- rule: R\n  desc: d\n  condition: broken\n  output: o\n  priority: INFO\n  source: k8s_audit\n',
    );
    assert.equal(
      failure([rules]).message,
      "macro.yaml:2:3: macro 'broken': condition at 1:1: list filter 'ka.user.groups' only supports operators 'exists', 'in' and 'intersects' (used by rule 'R')\n  ka.user.groups = devs\n  ^",
    );
  });
});
