import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../config/parse-config.ts';
import { loadInputs } from '../../scan/inputs.ts';
import { scanLoaded } from '../../scan/scan.ts';
import { TEST_NOW } from '../../testing/clock.ts';
import { CHECK_FIXTURES } from '../../testing/fixtures.ts';
import { certificateExpiry } from './certificate-expiry.ts';

const DAY = 24 * 60 * 60 * 1000;

/** The messages certificate-expiry gives on the certificate that expires 4 days after TEST_NOW. */
async function messagesAt(now: Date, settings: string): Promise<string[]> {
  const loaded = await loadInputs([join(CHECK_FIXTURES, 'certificate-expiry/fail/expiring-soon')], {
    recursive: true,
  });
  const run = parseConfig('kubeward.yaml', settings, [certificateExpiry]).run;
  const { report } = scanLoaded(loaded, { checks: [certificateExpiry], run, now });
  return report.findings.map((finding) => finding.message);
}

describe('certificate-expiry', () => {
  it('honours settings.certificateExpiryDays', async () => {
    assert.deepEqual(await messagesAt(TEST_NOW, 'settings: {certificateExpiryDays: 4}'), []);
    assert.deepEqual(await messagesAt(TEST_NOW, 'settings: {certificateExpiryDays: 5}'), [
      'certificate CN=kube-apiserver expires in 4 days on 2027-01-05T00:00:00.000Z',
    ]);
  });
  it('dates findings by the clock on the check context', async () => {
    assert.deepEqual(await messagesAt(new Date(TEST_NOW.getTime() + 10 * DAY), ''), [
      'certificate CN=kube-apiserver expired on 2027-01-05T00:00:00.000Z',
    ]);
  });
});
