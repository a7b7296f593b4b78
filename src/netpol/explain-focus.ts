import type { NetpolModel } from './engine.ts';
import type { Explanation, Probe } from './explain.ts';
import { explainConnection } from './explain.ts';
import type { Focus, FocusTarget } from './focus.ts';
import { focusSides, targetEndpoint } from './focus.ts';
import { mergedRuns } from './connections.ts';
import { formatRange } from './ip.ts';
import type { Direction } from './policy.ts';

/** The explanation of one pair a focus keeps, named by its ends (a workload or an address range). */
export interface FocusedExplanation {
  /** Relative to the focused end: `ingress` flows into it, `egress` out of it. */
  readonly direction: Direction;
  readonly source: string;
  readonly destination: string;
  readonly explanation: Explanation;
}

/** An explanation without the endpoint names, so equal answers for two address pieces compare equal. */
function answerKey(explanation: Explanation): string {
  const { egress, ingress, ...rest } = explanation;
  const strip = (side: Explanation['egress']): unknown => ({ ...side, endpoint: '' });
  return JSON.stringify([rest, strip(egress), strip(ingress)]);
}

function withEndpoint(explanation: Explanation, side: 'egress' | 'ingress', endpoint: string): Explanation {
  return { ...explanation, [side]: { ...explanation[side], endpoint } };
}

/**
 * Explains every pair a focus keeps: the focused end against each pod class (expanded to its
 * workloads) and each address range. Address pieces whose explanations are equal but for the range
 * (same verdict, same deciding rules) and that are adjacent are one entry over the merged range.
 */
export function explainFocus(model: NetpolModel, focus: Focus, probe?: Probe): FocusedExplanation[] {
  const out: FocusedExplanation[] = [];
  const names = (target: FocusTarget): readonly string[] =>
    target.type === 'workloads' ? target.names : [formatRange(target.range)];
  for (const side of focusSides(model, focus)) {
    const center = targetEndpoint(side.center);
    const outward = side.direction === 'egress';
    for (const peer of side.classes) {
      const other = targetEndpoint(peer);
      const explanation = outward
        ? explainConnection(model, center, other, probe)
        : explainConnection(model, other, center, probe);
      for (const a of names(side.center))
        for (const b of names(peer))
          out.push({
            direction: side.focusDirection,
            source: outward ? a : b,
            destination: outward ? b : a,
            explanation,
          });
    }
    const keys = new Map<string, number>();
    const answers = side.addresses.map((range) => {
      const explanation = outward
        ? explainConnection(model, center, { type: 'ip', range }, probe)
        : explainConnection(model, { type: 'ip', range }, center, probe);
      const key = answerKey(explanation);
      let id = keys.get(key);
      if (id === undefined) keys.set(key, (id = keys.size + 1));
      return { id, explanation };
    });
    let a = 0;
    for (const run of mergedRuns(side.addresses, (i) => answers[i]?.id ?? 0)) {
      while (a < side.addresses.length && side.addresses[a]?.first !== run.range.first) a++;
      const first = answers[a]?.explanation;
      if (!first) continue;
      const range = formatRange(run.range);
      const explanation = withEndpoint(first, outward ? 'ingress' : 'egress', range);
      for (const name of names(side.center))
        out.push({
          direction: side.focusDirection,
          source: outward ? name : range,
          destination: outward ? range : name,
          explanation,
        });
    }
  }
  return out;
}
