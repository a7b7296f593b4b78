import { basename } from 'node:path';
import { Command } from 'commander';
import { VERSION } from '../version.ts';
import { reportError } from './exit.ts';
import { ignoreClosedPipes } from './pipe.ts';
import { wrapHelpText } from './help-wrap.ts';
import { reportUnknownCommands } from './unknown-command.ts';
import { auditCommand } from './commands/audit.ts';
import { checksCommand } from './commands/checks.ts';
import { detectCommand } from './commands/detect.ts';
import { imagesCommand } from './commands/images.ts';
import { addImageContentCommands } from './commands/images-content.ts';
import { imagesVerifyCommand } from './commands/images-verify.ts';
import { netpolCommand } from './commands/netpol.ts';
import { rbacCommand } from './commands/rbac.ts';
import { reportCommand } from './commands/report.ts';
import { scanCommand } from './commands/scan.ts';
import { scoreCommand } from './commands/score.ts';
import { snapshotCommand } from './commands/snapshot.ts';
import { testCommand } from './commands/test.ts';
import { webhookCommand } from './commands/webhook.ts';

export { exitIfUnfinished } from './unfinished.ts';

/**
 * Builds the command tree from the light definitions of src/cli/commands/, whose actions import their
 * implementation when they run; `kubectl-ward` shows usage as `kubectl ward`.
 */
function buildProgram(invokedAs: string): Command {
  const name = basename(invokedAs).startsWith('kubectl-') ? 'kubectl ward' : 'kubeward';
  const program = new Command(name)
    .description('Check and enforce the hardening of Kubernetes clusters.')
    .version(VERSION, '--version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  for (const command of [
    scanCommand(),
    reportCommand(),
    snapshotCommand(),
    scoreCommand(),
    addImageContentCommands(imagesCommand()).addCommand(imagesVerifyCommand()),
    netpolCommand(),
    rbacCommand(),
    auditCommand(),
    detectCommand(),
    testCommand(),
    webhookCommand(),
    checksCommand(),
  ])
    program.addCommand(command);
  applyRecursively(program, (command) => command.exitOverride().configureHelp({ boxWrap: wrapHelpText }));
  return program;
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyRecursively(sub, apply);
}

/**
 * Runs the CLI and resolves to the exit code: the one the command set, once it has finished (0 if it
 * set none). Nothing is set before then, so a command that never finishes cannot pass for a success.
 */
export async function main(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    ignoreClosedPipes(process.stdout, process.stderr);
    const program = buildProgram(argv[1] ?? 'kubeward');
    await program.parseAsync([...argv.slice(0, 2), ...reportUnknownCommands(program, argv.slice(2))]);
    const code: unknown = process.exitCode;
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    return reportError(error, process.stderr);
  }
}
