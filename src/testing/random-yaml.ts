/**
 * Random YAML streams from a seed, for differential tests of the loader: block and flow collections,
 * nesting, every YAML 1.1 scalar form, every scalar style, comments, document markers and keys of
 * every type. The same seed gives the same stream.
 */

/** A deterministic pseudo-random source (mulberry32). */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [0, n). */
  readonly below: (n: number) => number;
  /** One of the items. */
  readonly pick: <T>(items: readonly T[]) => T;
  /** True with probability p. */
  readonly chance: (p: number) => boolean;
}

/** A {@link Random} seeded with a 32-bit integer. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return {
    next,
    below,
    pick: <T>(items: readonly T[]): T => items[below(items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

/** Plain scalars YAML 1.1 resolves to something other than a string, and near misses that stay strings. */
const RESOLVED = [
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'NO', 'true', 'True', 'TRUE', 'false', 'False'],
  ...['on', 'On', 'ON', 'off', 'Off', 'OFF', 'oN', 'yEs', 'tRUE'],
  ...['0', '-0', '+0', '12', '-12', '+12', '0x1F', '0x_1f', '-0x1F', '0o17', '017', '-017', '08', '0b1010'],
  ...['0b_10', '1_000', '1__0', '190:20:30', '-1:30', '1:60', '0:0'],
  ...['1.5', '-.5', '.5', '1.', '+1.5e-3', '12e3', '1e3', '6.8523015e+5', '1_0.5', '190:20:30.15', '-0.0'],
  ...['.inf', '-.Inf', '+.INF', '.NaN', '.nan', '.NAN', '.Nan', 'inf', 'nan'],
  ...['~', 'null', 'Null', 'NULL', 'nUll'],
  ...['2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-12-14', '2002-1-4'],
  ...['0644', '0777', '1.2.3', '1e', '0x', '0b2', '+', '.', '=', '<<'],
];
/** Plain scalars that stay strings, including names an object's prototype has. */
const WORDS = [
  ...['a', 'web', 'app', 'x-y', 'snake_case', 'CamelCase', 'dot.ted', 'path/to', 'http://e.com/x'],
  ...['with space', 'ünïcödé', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '-dash'],
  ...['.dot', 'a;b', 'x!', 'k8s.io/name', 'percent%', 'tab\there'],
];
/** Escapes of double-quoted scalars beyond JSON's. */
const ESCAPES = [
  '\\x41',
  '\\t',
  '\\u00e9',
  '\\U0001F600',
  '\\\\',
  '\\"',
  '\\0',
  '\\e',
  '\\N',
  '\\_',
  '\\ ',
  '\\/',
];

interface Scalar {
  readonly text: string;
  /** Whether the text can stand in flow context and as a key (one line, no block scalar). */
  readonly inline: boolean;
}

const plainToken = (random: Random): string =>
  random.chance(0.6) ? random.pick(RESOLVED) : random.pick(WORDS);

/** A string a quoted scalar carries: words, resolved forms and characters that need quoting. */
const content = (random: Random): string =>
  Array.from({ length: 1 + random.below(3) }, () =>
    random.pick([...RESOLVED, ...WORDS, ': ', ' #', '[', '}', ',', "'", '"', '\\', '', ' ']),
  ).join(random.pick(['', ' ', '-']));

function singleQuoted(random: Random): string {
  return `'${content(random).replace(/'/g, "''")}'`;
}

function doubleQuoted(random: Random): string {
  const parts = Array.from({ length: 1 + random.below(3) }, () =>
    random.chance(0.3) ? random.pick(ESCAPES) : JSON.stringify(content(random)).slice(1, -1),
  );
  return `"${parts.join('')}"`;
}

/** A scalar that fits on one line, in any style but block. */
function inlineScalar(random: Random, flow: boolean): Scalar {
  const style = random.below(10);
  if (style < 6) {
    const token = plainToken(random);
    const safe = !flow || !/[,[\]{}]/.test(token);
    if (safe && !(token === '<<' && random.chance(0.8))) return { text: token, inline: true };
  }
  return { text: style < 8 ? singleQuoted(random) : doubleQuoted(random), inline: true };
}

/** A literal or folded block scalar at `indent`, or a plain or quoted scalar continued over lines. */
function multiLineScalar(random: Random, indent: string): Scalar {
  const inner = `${indent}  `;
  if (random.chance(0.25)) {
    const lines = Array.from({ length: 2 + random.below(2) }, () =>
      random.pick(WORDS.filter((w) => !w.includes('\t'))),
    );
    const quoted = random.chance(0.5);
    const first = quoted ? `"${lines[0] ?? ''}` : (lines[0] ?? 'a');
    const rest = lines.slice(1).map((line) => `${inner}${line}`);
    const last = rest.length - 1;
    if (quoted) rest[last] = `${rest[last] ?? inner}"`;
    return { text: [first, ...rest].join('\n'), inline: false };
  }
  const header = `${random.pick(['|', '>'])}${random.pick(['', '-', '+'])}`;
  const body = Array.from({ length: 1 + random.below(4) }, () => {
    if (random.chance(0.15)) return '';
    const more = random.chance(0.15) ? '  ' : '';
    return `${inner}${more}${content(random).replace(/\s+$/, '') || 'x'}`;
  });
  body[0] = `${inner}${content(random).trim() || 'first'}`;
  const trailing = random.chance(0.3) ? '\n' : '';
  const comment = random.chance(0.2) ? ' # block' : '';
  return { text: `${header}${comment}\n${body.join('\n')}${trailing}`, inline: false };
}

/** A key of any type: a string, a YAML 1.1 number, bool or null form, quoted or plain. */
function key(random: Random, flow: boolean): string {
  return inlineScalar(random, flow).text;
}

function flowNode(random: Random, depth: number): string {
  const roll = random.below(10);
  if (depth <= 0 || roll < 5) return inlineScalar(random, true).text;
  const size = random.below(4);
  if (roll < 7) {
    const items = Array.from({ length: size }, () => flowNode(random, depth - 1));
    return `[${items.join(', ')}${size > 0 && random.chance(0.1) ? ',' : ''}]`;
  }
  const keys = uniqueKeys(random, size, true);
  const pairs = keys.map((k) => (random.chance(0.1) ? k : `${k}: ${flowNode(random, depth - 1)}`));
  return `{${pairs.join(', ')}}`;
}

/** Keys for one mapping, distinct as written; now and then one is repeated (an invalid mapping). */
function uniqueKeys(random: Random, size: number, flow: boolean): string[] {
  const keys = new Set<string>();
  for (let i = 0; i < size * 3 && keys.size < size; i++) {
    const candidate = key(random, flow);
    if (candidate !== "''" && candidate !== '""') keys.add(candidate);
  }
  const distinct = [...keys];
  return distinct.length > 0 && random.chance(0.03) ? [...distinct, random.pick(distinct)] : distinct;
}

const comment = (random: Random): string => (random.chance(0.15) ? ` # ${random.pick(WORDS)}` : '');

/**
 * The text after `key:` or `-` for a value at `indent`: inline, or a newline and a block collection
 * (a sequence in a mapping may sit at the key's indentation).
 */
function blockValue(random: Random, indent: string, depth: number, inSequence: boolean): string {
  const roll = random.below(12);
  if (depth > 0 && roll < 3) return `\n${blockMapping(random, `${indent}  `, depth - 1)}`;
  if (depth > 0 && roll < 5) {
    const nested = !inSequence && random.chance(0.5) ? indent : `${indent}  `;
    return `\n${blockSequence(random, nested, depth - 1)}`;
  }
  if (roll < 6) return ` ${flowNode(random, 2)}${comment(random)}`;
  if (roll < 8) return ` ${multiLineScalar(random, indent).text}`;
  if (roll < 9 && random.chance(0.5)) return comment(random);
  return ` ${inlineScalar(random, false).text}${comment(random)}`;
}

function blockMapping(random: Random, indent: string, depth: number): string {
  const keys = uniqueKeys(random, 1 + random.below(4), false);
  const lines = keys.map((k) => {
    const explicit = random.chance(0.05);
    const head = explicit ? `${indent}? ${k}\n${indent}:` : `${indent}${k}:`;
    const line = `${head}${blockValue(random, indent, depth, false)}`;
    return random.chance(0.1) ? `${indent}# ${random.pick(WORDS)}\n${line}` : line;
  });
  return lines.join('\n');
}

function blockSequence(random: Random, indent: string, depth: number): string {
  const items = Array.from({ length: 1 + random.below(4) }, () => {
    if (depth > 0 && random.chance(0.3)) {
      const nested = blockMapping(random, `${indent}  `, depth - 1);
      return `${indent}- ${nested.slice(indent.length + 2)}`;
    }
    return `${indent}-${blockValue(random, indent, depth, true)}`;
  });
  return items.join('\n');
}

/** One document's content at the top level. */
function documentBody(random: Random): string {
  const roll = random.below(10);
  if (roll < 6) return blockMapping(random, '', 1 + random.below(3));
  if (roll < 8) return blockSequence(random, '', 1 + random.below(3));
  if (roll < 9) return flowNode(random, 3);
  return random.chance(0.5) ? inlineScalar(random, false).text : '';
}

/** A stream of documents, and each document's text on its own (with its `---`), for reporting. */
export interface RandomStream {
  readonly text: string;
  readonly documents: readonly string[];
}

/** A random YAML stream of 1 to 4 documents. */
export function randomYamlStream(random: Random): RandomStream {
  const documents = Array.from({ length: 1 + random.below(4) }, (_, i) => {
    const marker = i > 0 || random.chance(0.5) ? `---${comment(random)}\n` : '';
    const lead = random.chance(0.15) ? `# ${random.pick(WORDS)}\n` : '';
    const end = random.chance(0.15) ? '\n...' : '';
    return `${lead}${marker}${documentBody(random)}${end}\n`;
  });
  return { text: documents.join(''), documents: documents.map((d) => (d.includes('---') ? d : `---\n${d}`)) };
}
