import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cellWidthOf,
  columnLayout,
  layoutRows,
  measuredLayout,
  renderColumns,
  terminalWidth,
} from './columns.ts';
import { displayWidth } from './wrap.ts';

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('renderColumns', () => {
  it('aligns columns three spaces apart as kubectl does, the last column unpadded and no trailing spaces', () => {
    assert.equal(
      renderColumns([
        ['NAME', 'READY', 'STATUS'],
        ['web-7d4b9c', '1/1', 'Running'],
        ['db', '', ''],
      ]),
      'NAME         READY   STATUS\nweb-7d4b9c   1/1     Running\ndb\n',
    );
    assert.equal(
      renderColumns(
        [
          ['a', 'b'],
          ['ccc', 'd'],
        ],
        { gap: 2 },
      ),
      'a    b\nccc  d\n',
    );
  });

  it('measures display width: wide characters take two columns, colour codes none', () => {
    const table = lines(
      renderColumns([
        ['名前', 'x'],
        ['\x1b[31mred\x1b[39m', 'y'],
        ['ab', 'z'],
      ]),
    );
    assert.deepEqual(
      table.map((line) => displayWidth(line)),
      [8, 8, 8],
    );
    assert.equal(table[1], '\x1b[31mred\x1b[39m    y');
  });

  it('never wraps without a width: a piped table keeps one line per row', () => {
    const long = 'word '.repeat(60).trim();
    assert.equal(lines(renderColumns([['ID', long]])).length, 1);
  });

  it('wraps the last column at spaces to the width, continuation lines staying in that column', () => {
    const table = lines(
      renderColumns(
        [
          ['ID', 'SEVERITY', 'TITLE'],
          [
            'pod-privileged',
            'critical',
            'Containers must not run privileged: a privileged container is root on the node',
          ],
        ],
        { width: 50 },
      ),
    );
    assert.deepEqual(table, [
      'ID               SEVERITY   TITLE',
      'pod-privileged   critical   Containers must not',
      '                            run privileged: a',
      '                            privileged container',
      '                            is root on the node',
    ]);
    for (const line of table) assert.ok(displayWidth(line) <= 50, line);
  });

  it('breaks a word longer than its column inside the word, still in the column', () => {
    const [row] = layoutRows([['x', 'a'.repeat(30)]], { width: 16 });
    assert.deepEqual(row, [`x   ${'a'.repeat(12)}`, `    ${'a'.repeat(12)}`, `    ${'a'.repeat(6)}`]);
  });

  it('keeps a cell of several lines in its column, and shares the room among wrapping columns', () => {
    const [row] = layoutRows([['FAIL', 'first message\nsecond message']]);
    assert.deepEqual(row, ['FAIL   first message', '       second message']);
    const [shared = []] = layoutRows([['aaaa bbbb cccc dddd', 'x', 'eeee ffff gggg hhhh']], {
      width: 30,
      wrap: [0, 2],
    });
    for (const line of shared) assert.ok(line.length <= 30, line);
    assert.deepEqual(shared, ['aaaa bbbb     x   eeee ffff', 'cccc dddd         gggg hhhh']);
  });

  it('carries a colour across wrapped lines and closes it at each line end', () => {
    const [row] = layoutRows([['id', '\x1b[2mone two three four\x1b[22m']], { width: 14 });
    assert.deepEqual(row, ['id   \x1b[2mone two\x1b[0m', '     \x1b[2mthree four\x1b[22m']);
  });

  it('escapes control characters a cell still holds, keeping its line breaks and colour codes', () => {
    const rows = layoutRows([['x\r\x1b[2Ky', '\x1b[31mred\x1b[39m\tz\nsecond\x9b1A']]);
    assert.deepEqual(rows, [['x\\r\\x1b[2Ky   \x1b[31mred\x1b[39m\\tz', '              second\\x9b1A']]);
  });

  it('aligns rows of plain ASCII with rows whose cells are escaped, wide or coloured', () => {
    const rows = layoutRows([
      ['a\tb', 'x', 'one'],
      ['plain', 'y', 'two  '],
      ['名前', '\x1b[1mz\x1b[22m', 'three'],
      ['', '', ''],
    ]);
    assert.deepEqual(rows, [
      ['a\\tb    x   one'],
      ['plain   y   two'],
      ['名前    \x1b[1mz\x1b[22m   three'],
      [''],
    ]);
    assert.deepEqual(layoutRows([[]]), [[]]);
  });

  it('lays a row out alone as it lays it out in its table, with the widths of all the rows', () => {
    const rows = [
      ['NAME', 'STATUS', 'MESSAGE'],
      ['web', 'Running', 'ready since 3 days'],
      ['database-0', '\x1b[31mFailed\x1b[39m', 'back-off restarting'],
    ];
    const layOut = columnLayout(rows, { width: 36 });
    assert.deepEqual(layOut(rows[1] ?? []), [
      'web          Running   ready since 3',
      '                       days',
    ]);
    assert.deepEqual(
      rows.map((row) => layOut(row)),
      layoutRows(rows, { width: 36 }),
    );
  });

  it('lays rows out alike from the widths measured as they were made, the last column measured to wrap', () => {
    const rows = [
      ['web', '\x1b[32mRunning\x1b[39m', 'ready since 3 days'],
      ['名前', 'a\tb', 'back-off restarting '],
    ];
    assert.deepEqual(
      rows[1]?.map((cell) => cellWidthOf(cell)),
      [4, 4, 20],
    );
    for (const width of [undefined, 30]) {
      const measured = [0, 1, 2].map((column) =>
        column === 2 && width === undefined
          ? 0
          : rows.reduce((widest, row) => Math.max(widest, cellWidthOf(row[column] ?? '')), 0),
      );
      assert.deepEqual(rows.map(measuredLayout(measured, { width })), layoutRows(rows, { width }));
    }
    assert.deepEqual(measuredLayout([3, 0])(['ab', 'c ']), ['ab    c']);
  });

  it('lays out 250,000 rows (no spread of rows into Math.max, which overflows the stack)', () => {
    const rows = Array.from({ length: 250_000 }, (_, i) => [`deployment/ns/w${String(i)}`, 'TCP:80']);
    const text = renderColumns([['SOURCE', 'PORTS'], ...rows]);
    assert.equal(text.split('\n').length, 250_002);
    assert.ok(text.startsWith(`SOURCE${' '.repeat(18)}PORTS\n`), text.slice(0, 80));
  });
});

describe('terminalWidth', () => {
  it("is a terminal's columns, unlimited when output is piped or goes to a file", () => {
    assert.equal(terminalWidth({ isTTY: true, columns: 100 }), 100);
    assert.equal(terminalWidth({ isTTY: false, columns: 100 }), Number.POSITIVE_INFINITY);
    assert.equal(terminalWidth({}), Number.POSITIVE_INFINITY);
    assert.equal(terminalWidth(undefined), Number.POSITIVE_INFINITY);
  });
});
