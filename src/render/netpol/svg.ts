import type { Graphviz } from '@hpcc-js/wasm-graphviz';

/** An SVG drawing and what Graphviz reported while laying it out (warnings, each once). */
export interface SvgDrawing {
  readonly svg: string;
  readonly warnings: readonly string[];
}

/** What the WebAssembly module wrote to its stderr since the last drawing. */
const reported: string[] = [];

/**
 * Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz), loaded on first use only. The module
 * binds its stderr to `console.error` when it is instantiated: it is instantiated with that bound to
 * `reported`, so what Graphviz prints becomes warnings the command decides how to show.
 */
async function graphviz(): Promise<Graphviz> {
  const { Graphviz: Loader } = await import('@hpcc-js/wasm-graphviz');
  const { error } = console;
  console.error = (...parts: unknown[]): void => {
    reported.push(parts.map(String).join(' '));
  };
  try {
    return await Loader.load();
  } finally {
    console.error = error;
  }
}

/** A Graphviz message without the build's source path (`lib/pathplan//home/…/shortest.c:333: x` → `x`). */
function warningOf(message: string): string {
  return message.replace(/^\S*\.c:\d+: /, '').trim();
}

/**
 * Lays a DOT graph out with Graphviz's `dot` engine and renders it as a standalone SVG document,
 * with no Graphviz binary needed. A graph Graphviz cannot read is an Error naming its line.
 */
export async function renderDotSvg(dot: string): Promise<SvgDrawing> {
  const engine = await graphviz();
  reported.length = 0;
  const svg = engine.dot(dot, 'svg');
  const warnings = [...new Set(reported.map(warningOf).filter((warning) => warning !== ''))];
  reported.length = 0;
  return { svg, warnings };
}
