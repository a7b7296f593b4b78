import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Help } from 'commander';
import { main } from './program.ts';
import { wrapHelpText } from './help-wrap.ts';

const wrap = (text: string, width: number): string => wrapHelpText.call(new Help(), text, width);

describe('wrapHelpText', () => {
  it('joins the lines of a paragraph and wraps them at the width', () => {
    assert.equal(
      wrap(
        'Read a report written by kubeward scan and\nwrite it as one self-contained page:\nscorecard, findings.',
        40,
      ),
      'Read a report written by kubeward scan\nand write it as one self-contained page:\nscorecard, findings.',
    );
  });

  it('keeps indented lines (examples) and blank lines as written, however long', () => {
    const example =
      '  kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o yaml > dump.yaml';
    assert.equal(
      wrap(`First paragraph\nends here.\n\nSecond one:\n${example}\nAfter.`, 40),
      `First paragraph ends here.\n\nSecond one:\n${example}\nAfter.`,
    );
  });
});

describe('command help', () => {
  it("wraps each description paragraph at the help width (the terminal's, else 80), no line left with an orphan word", async () => {
    let help = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array): boolean => {
      help += String(chunk);
      return true;
    };
    try {
      assert.equal(await main(['node', 'kubeward', 'scan', '--help']), 0);
    } finally {
      process.stdout.write = write;
    }
    const description = help.slice(help.indexOf('Inputs are'), help.indexOf('Arguments:')).trimEnd();
    const lines = description.split('\n');
    assert.ok(lines.length >= 2, description);
    for (const line of lines) assert.ok(line.length <= 80, `over 80 columns: ${line}`);
    for (const line of lines.slice(0, -2))
      assert.ok(line.length > 60, `a short line inside a paragraph: ${line}`);
    assert.equal(lines.at(-1), '  kubeward scan --context my-cluster -A');
  });
});
