// Address ranges of the matrix: adjacent atoms with equal answers are one row. The generated case is
// modelled on a report where 1,277 ipBlock ranges printed 72,235 rows of which most said the same:
// ipBlocks with excepts whose holes other policies fill with the same ports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { connectionList } from './connections.ts';
import type { NetpolModel } from './engine.ts';
import { allowedPorts, buildNetpolModel } from './engine.ts';
import { formatRange } from './ip.ts';
import { reachabilityMatrix } from './matrix.ts';
import { formatPorts } from './ports.ts';
import { findWorkloads, workloadEndpoint } from './query.ts';

function deployment(name: string): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'edge' },
    spec: {
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: name }] } },
    },
  };
}

function policy(name: string, rules: readonly unknown[]): unknown {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'edge' },
    spec: { podSelector: { matchLabels: { app: 'gw' } }, ingress: rules },
  };
}

function modelOf(documents: readonly unknown[]): NetpolModel {
  const { resources, diagnostics } = loadSources(
    documents.map((document, i) => ({
      file: `${i}.json`,
      text: JSON.stringify(document),
      format: 'json' as const,
      named: true,
    })),
  );
  assert.deepEqual(diagnostics, []);
  return buildNetpolModel(buildInventory(resources));
}

function inbound(model: NetpolModel): string[] {
  return connectionList(reachabilityMatrix(model))
    .connections.filter((c) => c.destination === 'deployment/edge/gw' && !c.source.includes('/edge/'))
    .map((c) => `${c.source} ${c.ports}`);
}

describe('matrix address ranges', () => {
  it('merges 10.0.0.0/25 and 10.0.0.128/25 with the same ports into 10.0.0.0/24, not when they differ', () => {
    const same = modelOf([
      deployment('gw'),
      policy('halves', [
        {
          from: [{ ipBlock: { cidr: '10.0.0.0/25' } }, { ipBlock: { cidr: '10.0.0.128/25' } }],
          ports: [{ port: 443 }],
        },
      ]),
    ]);
    assert.deepEqual(inbound(same), ['10.0.0.0/24 TCP:443']);
    const differ = modelOf([
      deployment('gw'),
      policy('halves', [
        { from: [{ ipBlock: { cidr: '10.0.0.0/25' } }], ports: [{ port: 443 }] },
        { from: [{ ipBlock: { cidr: '10.0.0.128/25' } }], ports: [{ port: 80 }] },
      ]),
    ]);
    assert.deepEqual(inbound(differ), ['10.0.0.0/25 TCP:443', '10.0.0.128/25 TCP:80']);
  });

  it('prints a contiguous span that is no single CIDR as first-last, and keeps a hole apart', () => {
    const model = modelOf([
      deployment('gw'),
      policy('span', [
        {
          from: [
            { ipBlock: { cidr: '10.0.0.0/24' } },
            { ipBlock: { cidr: '10.0.1.0/25' } },
            { ipBlock: { cidr: '10.0.4.0/22', except: ['10.0.5.0/24'] } },
          ],
          ports: [{ port: 443 }],
        },
      ]),
    ]);
    assert.deepEqual(inbound(model), [
      '10.0.0.0-10.0.1.127 TCP:443',
      '10.0.4.0/24 TCP:443',
      '10.0.6.0/23 TCP:443',
    ]);
  });

  it('a generated case of 1,277 ranges prints one row per group of adjacent equal answers', () => {
    // 348 /18 blocks from 10.0.0.0, each with one /24 except and its upper /19 allowed again on the
    // same port by a second policy (a split with no new answer); two holes in three are filled again
    // on the block's port; blocks take TCP 80 or 443 in runs of 5; plus one lone range.
    const blocks = 348;
    const main: unknown[] = [];
    const more: unknown[] = [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 22 }] }];
    let ranges = 1;
    for (let i = 0; i < blocks; i++) {
      const base = `10.${i >> 2}.${(i & 3) * 64}`;
      const hole = `10.${i >> 2}.${(i & 3) * 64 + (i % 7) * 8}.0/24`;
      const ports = [{ port: Math.floor(i / 5) % 2 === 0 ? 80 : 443 }];
      main.push({ from: [{ ipBlock: { cidr: `${base}.0/18`, except: [hole] } }], ports });
      more.push({ from: [{ ipBlock: { cidr: `10.${i >> 2}.${(i & 3) * 64 + 32}.0/19` } }], ports });
      ranges += 3;
      if (i % 3 !== 0) {
        more.push({ from: [{ ipBlock: { cidr: hole } }], ports });
        ranges++;
      }
    }
    assert.equal(ranges, 1_277);
    const model = modelOf([deployment('gw'), policy('blocks', main), policy('more', more)]);
    const gw = workloadEndpoint(model, findWorkloads(model, 'edge/gw')[0]!)!;
    // The reference: the engine asked atom by atom, then runs of equal answers counted.
    let atomsAnswering = 0;
    let groups = 0;
    let previous = 'none';
    for (const atom of model.atoms) {
      const answer = formatPorts(allowedPorts(model, { type: 'ip', range: atom }, gw));
      if (answer !== 'none') atomsAnswering++;
      if (answer !== 'none' && answer !== previous) groups++;
      previous = answer;
    }
    const rows = inbound(model);
    assert.equal(rows.length, groups);
    assert.ok(atomsAnswering > 4 * groups, `${atomsAnswering} atoms, ${groups} groups`);
    // Each row's range answers its ports at both ends.
    for (const row of rows.slice(0, 40)) {
      const [range = '', ports = ''] = row.split(' ');
      const [first = '', last = first] = range.includes('-') ? range.split('-') : [range.split('/')[0] ?? ''];
      for (const address of [first, last.includes('/') ? (last.split('/')[0] ?? '') : last]) {
        const atom = model.atoms.find((candidate) => formatRange(candidate).split(/[-/]/)[0] === address);
        if (atom) assert.equal(formatPorts(allowedPorts(model, { type: 'ip', range: atom }, gw)), ports, row);
      }
    }
  });
});
