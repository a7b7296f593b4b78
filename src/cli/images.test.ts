import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { basicAuth, RegistryPusher, startRegistry } from '../testing/registry.ts';
import type { PushedImage, RunningRegistry } from '../testing/registry.ts';
import { needs } from '../testing/tools.ts';

const DIGEST = 'sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com:5000/shop/migrate:1.2
      containers:
        - name: app
          image: nginx:1.27
        - name: sidecar
          image: Docker/Sidecar:latest
      ephemeralContainers:
        - name: debug
          image: index.docker.io/busybox@${DIGEST}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: c
      image: nginx:1.27
`;

interface ImagesJson {
  images: {
    image: string;
    valid: boolean;
    registry?: string;
    repository?: string;
    tag?: string | null;
    digest?: string | null;
    error?: string;
    resolved?: { digest?: string; error?: string; platform?: string; platformDigest?: string | null };
    usedBy: {
      object: { kind: string; name: string };
      container: string;
      containerType: string;
      location: { line: number };
    }[];
  }[];
  findings?: {
    check: string;
    message: string;
    field: string;
    location: { line: number };
    fix?: { description: string; value: string };
  }[];
}

describe('kubeward images', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-images-'));
  const file = join(dir, 'workloads.yaml');
  writeFileSync(file, WORKLOADS);
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each image once with its parts and every container that runs it, init and ephemeral too', () => {
    const run = runCli(['images', file]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n').map((line) => line.replace(/ +/g, ' ').trim());
    assert.deepEqual(lines, [
      'IMAGE REGISTRY REPOSITORY TAG DIGEST NOTE USED BY',
      'Docker/Sidecar:latest - - invalid: invalid reference format: repository name (Sidecar) must be lowercase Deployment/shop/web: sidecar',
      `index.docker.io/busybox@${DIGEST} docker.io library/busybox ${DIGEST} Deployment/shop/web: ephemeral debug`,
      'nginx:1.27 docker.io library/nginx 1.27 Deployment/shop/web: app',
      'Pod/default/p: c',
      'registry.example.com:5000/shop/migrate:1.2 registry.example.com:5000 shop/migrate 1.2 Deployment/shop/web: init migrate',
      '',
    ]);
  });

  it('gives the same in JSON, each user located at its image field', () => {
    const run = runCli(['images', file, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const list = JSON.parse(run.stdout) as ImagesJson;
    assert.deepEqual(
      list.images.map((image) => [
        image.image,
        image.valid,
        image.registry,
        image.repository,
        image.tag,
        image.error,
      ]),
      [
        [
          'Docker/Sidecar:latest',
          false,
          undefined,
          undefined,
          undefined,
          'invalid reference format: repository name (Sidecar) must be lowercase',
        ],
        [`index.docker.io/busybox@${DIGEST}`, true, 'docker.io', 'library/busybox', null, undefined],
        ['nginx:1.27', true, 'docker.io', 'library/nginx', '1.27', undefined],
        [
          'registry.example.com:5000/shop/migrate:1.2',
          true,
          'registry.example.com:5000',
          'shop/migrate',
          '1.2',
          undefined,
        ],
      ],
    );
    assert.deepEqual(
      list.images[2]?.usedBy.map((use) => [
        use.object.kind,
        use.object.name,
        use.container,
        use.containerType,
        use.location.line,
      ]),
      [
        ['Deployment', 'web', 'app', 'containers', 12],
        ['Pod', 'p', 'c', 'containers', 25],
      ],
    );
    assert.equal(list.images[1]?.usedBy[0]?.containerType, 'ephemeralContainers');
    assert.equal(list.findings, undefined, 'no findings without --resolve');
  });

  it('writes YAML too', () => {
    const run = runCli(['images', file, '-o', 'yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^apiVersion: kubeward\.io\/v1alpha2\nkind: ImageList\nimages:\n {2}- image: Docker\/Sidecar:latest\n/,
    );
  });

  it('says there are none when no workload runs an image', () => {
    const empty = join(dir, 'cm.yaml');
    writeFileSync(empty, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const run = runCli(['images', empty]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'No images found.\n');
  });

  it('refuses bad usage with exit 2 and a clear message', () => {
    const none = runCli(['images']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /nothing to read: give files, directories, -f -, -k DIR or --helm DIR/);
    const sarif = runCli(['images', file, '-o', 'sarif']);
    assert.equal(sarif.status, 2);
    assert.match(sarif.stderr, /-o sarif lists the findings of --resolve: add --resolve/);
    const platform = runCli(['images', file, '--resolve', '--platform', 'linux']);
    assert.equal(platform.status, 2);
    assert.match(
      platform.stderr,
      /--platform "linux": give os\/arch or os\/arch\/variant, e\.g\. linux\/amd64 or linux\/arm64\/v8/,
    );
  });
});

describe(
  'kubeward images --resolve against docker-registry',
  needs('docker-registry', 'htpasswd', 'openssl'),
  () => {
    let dir: string;
    let registry: RunningRegistry;
    let pushed: PushedImage;
    let env: Record<string, string>;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-images-resolve-'));
      registry = await startRegistry(join(dir, 'registry'), { kind: 'htpasswd', users: { bob: 'hunter22' } });
      pushed = await new RegistryPusher(registry, () => Promise.resolve(basicAuth('bob', 'hunter22'))).image(
        'team/api',
        '2.1',
        {
          'srv/api': 'api\n',
        },
      );
      const docker = join(dir, 'docker');
      mkdirSync(docker);
      writeFileSync(
        join(docker, 'config.json'),
        JSON.stringify({
          auths: { [registry.host]: { auth: Buffer.from('bob:hunter22').toString('base64') } },
        }),
      );
      writeFileSync(join(dir, 'ca.crt'), registry.ca);
      env = { DOCKER_CONFIG: docker, NODE_EXTRA_CA_CERTS: join(dir, 'ca.crt') };
      writeFileSync(
        join(dir, 'deploy.yaml'),
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata: {name: api, namespace: team}',
          'spec:',
          '  template:',
          '    spec:',
          '      containers:',
          '        - name: api',
          `          image: ${registry.host}/team/api:2.1`,
          '        - name: gone',
          `          image: ${registry.host}/team/api:9.9`,
          '',
        ].join('\n'),
      );
    });

    after(async () => {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('turns each tag into a finding with the digest it points to and the pinned reference as fix', () => {
      const run = runCli(['images', join(dir, 'deploy.yaml'), '--resolve', '-o', 'json'], { env });
      assert.equal(run.status, 0, run.stderr);
      const list = JSON.parse(run.stdout) as ImagesJson;
      assert.equal(list.images[0]?.resolved?.digest, pushed.digest);
      assert.equal(
        list.images[1]?.resolved?.error,
        `${registry.host}/team/api manifests/9.9: not found (404): MANIFEST_UNKNOWN: manifest unknown`,
      );
      const pinned = `${registry.host}/team/api:2.1@${pushed.digest}`;
      assert.deepEqual(
        list.findings?.map((finding) => [
          finding.check,
          finding.field,
          finding.location.line,
          finding.message,
          finding.fix?.value,
        ]),
        [
          [
            'image-digest-missing',
            'spec.template.spec.containers[0].image',
            9,
            `container "api" image "${registry.host}/team/api:2.1" is not pinned by digest: the tag points to ${pushed.digest} today`,
            pinned,
          ],
          [
            'image-digest-missing',
            'spec.template.spec.containers[1].image',
            11,
            `container "gone" image "${registry.host}/team/api:9.9" is not pinned by digest`,
            undefined,
          ],
        ],
      );
    });

    it('carries the fix into SARIF as a replacement of the image line', () => {
      const run = runCli(['images', join(dir, 'deploy.yaml'), '--resolve', '-o', 'sarif'], { env });
      assert.equal(run.status, 0, run.stderr);
      const log = JSON.parse(run.stdout) as {
        runs: {
          results: {
            ruleId: string;
            fixes?: {
              description: { text: string };
              artifactChanges: {
                replacements: { deletedRegion: { startLine: number }; insertedContent: { text: string } }[];
              }[];
            }[];
          }[];
        }[];
      };
      const [first, second] = log.runs[0]?.results ?? [];
      const replacement = first?.fixes?.[0]?.artifactChanges[0]?.replacements[0];
      assert.equal(replacement?.deletedRegion.startLine, 9);
      assert.equal(
        replacement?.insertedContent.text,
        `image: ${registry.host}/team/api:2.1@${pushed.digest}`,
      );
      assert.equal(second?.fixes, undefined, 'no fix for a tag the registry does not have');
    });

    it('gives scan --images the same fixes, and warns about the tags it could not resolve', () => {
      const file = join(dir, 'deploy.yaml');
      const args = ['scan', file, '--check', 'image-digest-missing', '--fail-on', 'none', '-o', 'json'];
      const plain = runCli(args, { env });
      assert.equal(plain.status, 0, plain.stderr);
      const before = JSON.parse(plain.stdout) as ImagesJson;
      assert.deepEqual(
        before.findings?.map((finding) => finding.fix),
        [undefined, undefined],
        'no registry is asked without --images',
      );
      const run = runCli([...args, '--images'], { env });
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as ImagesJson;
      assert.deepEqual(
        report.findings?.map((finding) => finding.fix?.value),
        [`${registry.host}/team/api:2.1@${pushed.digest}`, undefined],
      );
      assert.equal(
        run.stderr,
        `warning: image ${registry.host}/team/api:9.9: ${registry.host}/team/api manifests/9.9: not found (404): MANIFEST_UNKNOWN: manifest unknown\n`,
      );
    });

    it('shows the digests in the table, and fails to log in without the docker config', () => {
      const table = runCli(['images', join(dir, 'deploy.yaml'), '--resolve'], { env });
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, new RegExp(`resolves to ${pushed.digest}`));
      const anonymous = runCli(['images', join(dir, 'deploy.yaml'), '--resolve', '-o', 'json'], {
        env: { ...env, DOCKER_CONFIG: join(dir, 'nowhere') },
      });
      assert.equal(anonymous.status, 0, anonymous.stderr);
      const list = JSON.parse(anonymous.stdout) as ImagesJson;
      assert.equal(
        list.images[0]?.resolved?.error,
        `${registry.host}/team/api manifests/2.1: the registry asks for a login and no credentials were found for ${registry.host} (docker login, or $DOCKER_CONFIG/config.json)`,
      );
    });
  },
);
