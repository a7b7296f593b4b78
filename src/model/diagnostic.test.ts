import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from './diagnostic.ts';

describe('formatDiagnostic', () => {
  it('prints file:line:col: level: message', () => {
    const text = formatDiagnostic({ level: 'error', file: 'a.yaml', line: 3, column: 5, message: 'bad' });
    assert.equal(text, 'a.yaml:3:5: error: bad');
  });

  it('leaves out a column or a line that is unknown (0)', () => {
    const at = (line: number, column: number): string =>
      formatDiagnostic({ level: 'error', file: 'p.yaml', line, column, message: 'bad' });
    assert.equal(at(7, 0), 'p.yaml:7: error: bad');
    assert.equal(at(0, 0), 'p.yaml: error: bad');
  });

  it('escapes control characters of the file name and the message, so it stays one honest line', () => {
    const text = formatDiagnostic({
      level: 'warning',
      file: 'a\nb.yaml',
      line: 0,
      column: 0,
      message: 'key "x\r\x1b[2K\x1b[1Aall clear" \u202eignored',
    });
    assert.equal(text, 'a\\nb.yaml: warning: key "x\\r\\x1b[2K\\x1b[1Aall clear" \\u202eignored');
  });
});
