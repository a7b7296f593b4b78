import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Options for one certificate made by {@link issue}. */
export interface IssueOptions {
  readonly subject: string;
  /** Path relative to the PKI root, without extension: writes `<path>.crt` and `<path>.key`. */
  readonly path: string;
  readonly days?: number;
  /** `rsa:2048` (default), `rsa:1024`, `ec:prime256v1` ... */
  readonly key?: string;
  readonly ca?: boolean;
  readonly sans?: readonly string[];
  /** Signing CA, as a path given to an earlier call; self-signed when absent. */
  readonly issuer?: string;
}

/**
 * Issues a certificate and key with the openssl CLI into `root` (for tests: certificates are made at
 * run time and never committed). Returns the certificate path.
 */
export function issue(root: string, options: IssueOptions): string {
  const base = join(root, options.path);
  mkdirSync(dirname(base), { recursive: true });
  const [algorithm = 'rsa', parameter = '2048'] = (options.key ?? 'rsa:2048').split(':');
  const keyArgs =
    algorithm === 'ec'
      ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${parameter}`]
      : ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${parameter}`];
  execFileSync('openssl', [...keyArgs, '-out', `${base}.key`], { stdio: 'pipe' });
  const extensions = [
    `basicConstraints=critical,CA:${options.ca === true ? 'TRUE' : 'FALSE'}`,
    ...(options.sans && options.sans.length > 0 ? [`subjectAltName=${options.sans.join(',')}`] : []),
  ];
  const extFile = `${base}.ext`;
  writeFileSync(extFile, `${extensions.join('\n')}\n`);
  const days = String(options.days ?? 365);
  if (options.issuer === undefined) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-new',
        '-key',
        `${base}.key`,
        '-subj',
        options.subject,
        '-days',
        days,
        '-out',
        `${base}.crt`,
        '-extensions',
        'v3',
        '-config',
        configWith(base, extensions),
      ],
      { stdio: 'pipe' },
    );
  } else {
    const issuer = join(root, options.issuer);
    execFileSync(
      'openssl',
      ['req', '-new', '-key', `${base}.key`, '-subj', options.subject, '-out', `${base}.csr`],
      { stdio: 'pipe' },
    );
    execFileSync(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        `${issuer}.crt`,
        '-CAkey',
        `${issuer}.key`,
        '-CAcreateserial',
        '-days',
        days,
        '-extfile',
        extFile,
        '-out',
        `${base}.crt`,
      ],
      { stdio: 'pipe' },
    );
  }
  return `${base}.crt`;
}

function configWith(base: string, extensions: readonly string[]): string {
  const file = `${base}.cnf`;
  writeFileSync(file, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${extensions.join('\n')}\n`);
  return file;
}
