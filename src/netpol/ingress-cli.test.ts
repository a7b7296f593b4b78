// Runs `kubeward netpol ingress` and `netpol matrix` for real (a child process through tsx) on the
// fixtures of testdata/netpol/ingress/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SHOP = 'testdata/netpol/ingress/shop-ingress.yaml';
const GATEWAY = 'testdata/netpol/ingress/gateway-routes.yaml';

function netpol(args: readonly string[]): CommandRun {
  return runNetpol(args, ROOT);
}

describe('kubeward netpol ingress (CLI)', () => {
  it('lists each backend -> Service port -> workload with the deciding policy, the modelled controller first', () => {
    const run = netpol(['ingress', '-f', SHOP]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(
      lines[0],
      '{ingress-controller}: modelled, not in the input: pods ingress-nginx/app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller',
    );
    assert.match(lines[2] ?? '', /^ROUTE +SERVES +BACKEND +WORKLOAD +PORT +VERDICT +WHY$/);
    assert.match(
      run.stdout,
      /ingress\/shop\/shop +shop\.example\.com\/ +Service shop\/web port "http" +deployment\/shop\/web +TCP\/8080 +allowed +allowed by NetworkPolicy shop\/allow-ingress-nginx spec\.ingress\[0\] at testdata\/netpol\/ingress\/shop-ingress\.yaml:102:7\n/,
    );
    assert.match(
      run.stdout,
      /shop\.example\.com\/api +Service shop\/api port 8081 +deployment\/shop\/api +TCP\/9090 +blocked +denied: isolated by NetworkPolicy shop\/default-deny \(testdata\/netpol\/ingress\/shop-ingress\.yaml:90:3\) and no rule admits it\n/,
    );
    assert.match(
      run.stdout,
      /\(default backend\) +Service shop\/legacy port 80 +- +- +not evaluated +Service shop\/legacy has no selector/,
    );
  });

  it('--fail-on-blocked exits 1 on a blocked backend, 0 when none is', () => {
    assert.equal(netpol(['ingress', '-f', SHOP, '--fail-on-blocked']).status, 1);
    const open = netpol(['routes', '-f', SHOP, '--fail-on-blocked', '-n', 'nowhere']);
    assert.equal(open.status, 0, open.stderr);
  });

  it('-o json gives the rows as data, with each backend at file:line:col', () => {
    const run = netpol(['ingress', '-f', GATEWAY, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      controllers: { name: string; pods: string; modelled: boolean }[];
      rows: { route: string; location: string; verdict: string; problem: string | null; detail: string }[];
    };
    assert.deepEqual(report.controllers, [
      {
        name: '{gateway infra/public}',
        pods: 'infra/gateway.networking.k8s.io/gateway-name=public',
        modelled: true,
      },
    ]);
    assert.deepEqual(
      report.rows.map((row) => [row.route, row.location, row.verdict, row.problem]),
      [
        ['httproute/shop/shop', `${GATEWAY}:158:11`, 'allowed', null],
        ['httproute/shop/shop', `${GATEWAY}:162:11`, 'allowed', null],
        ['httproute/shop/shop', `${GATEWAY}:166:11`, 'no traffic', 'not-granted'],
        ['grpcroute/lab/lab', `${GATEWAY}:178:11`, 'no traffic', 'detached'],
      ],
    );
  });

  it('-o md renders a table for a pull request', () => {
    const run = netpol(['ingress', '-f', GATEWAY, '-o', 'md']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^\| route \| serves \| backend \| workload \| port \| verdict \| why \|\n\|---\|/,
    );
    assert.match(
      run.stdout,
      /\| grpcroute\/lab\/lab \| rules\[0\] \| Service lab\/lab port 9000 \| - \| - \| no traffic \| no listener of Gateway infra\/public allows GRPCRoutes from namespace lab \(allowedRoutes\) \|/,
    );
  });

  it('--ingress-controller names other pods; a malformed one is a usage error (exit 2)', () => {
    const run = netpol([
      'ingress',
      '-f',
      SHOP,
      '--ingress-controller',
      'traefik/app.kubernetes.io/name=traefik',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^\{ingress-controller\}: modelled, not in the input: pods traefik\/app\.kubernetes\.io\/name=traefik\n/,
    );
    assert.match(
      run.stdout,
      /shop\.example\.com\/ .* blocked +denied: isolated by NetworkPolicy shop\/default-deny \(\S+:90:3\), NetworkPolicy shop\/allow-ingress-nginx \(\S+:99:3\) and no rule admits it\n/,
    );
    const bad = netpol(['ingress', '-f', SHOP, '--ingress-controller', 'traefik']);
    assert.equal(bad.status, 2);
    assert.equal(
      bad.stderr,
      'error: invalid --ingress-controller: "traefik": give NAMESPACE/LABEL-SELECTOR, e.g. ingress-nginx/app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller\n',
    );
  });
});

describe('kubeward netpol matrix with routes (CLI)', () => {
  it('shows what the modelled {ingress-controller} reaches, per port', () => {
    const run = netpol(['matrix', '-f', SHOP, '-o', 'csv']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\{ingress-controller\},deployment\/shop\/web,TCP:8080$/m);
    assert.doesNotMatch(run.stdout, /^\{ingress-controller\},deployment\/shop\/api,/m);
  });

  it('shows the Gateway pods GEP-1762 places, and no modelled peer without routes', () => {
    const run = netpol(['matrix', '-f', GATEWAY, '-o', 'csv']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\{gateway infra\/public\},pod\/billing\/invoices,TCP:8080$/m);
    const none = netpol(['matrix', '-f', 'testdata/netpol/no-silent-drops/web-to-web.yaml', '-o', 'csv']);
    assert.doesNotMatch(none.stdout, /\{/);
  });
});
