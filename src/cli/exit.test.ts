import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { InputError } from '../model/errors.ts';
import { EXIT, reportError } from './exit.ts';

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

describe('reportError', () => {
  it('prints a known error on one line, the file name in its message escaped', () => {
    const { stream, text } = collect();
    const code = reportError(new InputError('a\nb.yaml: \x1b[2K\x1b[1Acannot read'), stream);
    assert.equal(code, EXIT.usage);
    assert.equal(text(), 'error: a\\nb.yaml: \\x1b[2K\\x1b[1Acannot read\n');
  });

  it('escapes the message of an unexpected error too', () => {
    const { stream, text } = collect();
    assert.equal(reportError(new Error('x\r\u202eok'), stream), EXIT.runtime);
    assert.equal(text(), 'internal error: x\\r\\u202eok\n');
  });
});
