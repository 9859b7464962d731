import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/endicia/simulator/main.ts'], {
    cwd: root,
    env: { ...process.env, SIMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const waitForOutput = async (pattern: RegExp) => {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} in output`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return pattern.exec(stdout);
  };
  return { child, exited, output, waitForOutput };
}

describe('npm run simulator', () => {
  it('prints its URL and demo accounts, serves, and stops cleanly on SIGTERM', async () => {
    const cli = run({});
    const match = await cli.waitForOutput(
      /listening on (http:\/\/127\.0\.0\.1:\d+\/LabelService\/EwsLabelService\.asmx)/,
    );
    const url = match?.[1] ?? '';
    await cli.waitForOutput(/1234567 .*pass phrase: current_password/);
    // Boolean checks: the output holds (fake) pass phrases, which a failure must not print.
    expect(cli.output().stdout.includes('2500001  balance $120.50')).toBe(true);
    const response = await fetch(`${url}/GetAccountStatusXML`, {
      method: 'POST',
      body: new URLSearchParams({
        accountStatusRequestXML:
          '<AccountStatusRequest><RequesterID>lxxx</RequesterID><CertifiedIntermediary><AccountID>1234567</AccountID>' +
          '<PassPhrase>current_password</PassPhrase></CertifiedIntermediary></AccountStatusRequest>',
      }),
    });
    expect(await response.text()).toContain('<PostageBalance>20</PostageBalance>');
    await cli.waitForOutput(/GetAccountStatus 1234567 -> 0/);
    cli.child.kill('SIGTERM');
    await expect(cli.exited).resolves.toBe(0);
  });

  it('uses ENDICIA_SIMULATOR_ACCOUNTS when set', async () => {
    const cli = run({
      ENDICIA_SIMULATOR_ACCOUNTS: JSON.stringify([
        { accountId: '3000001', passPhrase: 'cli fake', balance: '7.25' },
      ]),
    });
    await cli.waitForOutput(/3000001 {2}balance \$7\.25/);
    expect(cli.output().stdout.includes('2500001')).toBe(false);
    cli.child.kill('SIGINT');
    await expect(cli.exited).resolves.toBe(0);
  });

  it('stops with a clear message on invalid accounts', async () => {
    const cli = run({ ENDICIA_SIMULATOR_ACCOUNTS: '[{"accountId":"x"}]' });
    await expect(cli.exited).resolves.toBe(1);
    expect(cli.output().stderr).toContain(
      'simulator: ENDICIA_SIMULATOR_ACCOUNTS is invalid: 0.accountId: must be digits',
    );
  });
});
