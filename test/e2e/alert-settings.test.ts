import type { ViewOutput } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { clickEphemeralButton } from './ephemeral-click.ts';
import { loggedIn } from './support.ts';

// `/postage alerts` → Edit → the alert settings modal (issue 15), through signed requests and the fake Slack.
const LABELS = [
  'Threshold',
  'Runway warning (days)',
  'Reload amount',
  'Reloads per day',
  'Escalate after (hours)',
  'Escalate to',
  'Weekly digest',
];

let h: Harness;
let owner: SlackUser;
beforeAll(async () => {
  h = await startHarness({ overrides: { alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 } } });
  owner = h.driver.user({ teamId: 'T1', userId: 'UOWNER', channelId: 'CSET' });
  await loggedIn(owner, ACCOUNTS.main, { remember: true });
  await owner.close();
  await owner.command('/postage', 'alerts 50');
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

const isSettings = (view: ViewOutput) => view.callback_id === 'alert-settings';
const labelsOf = (view: ViewOutput) =>
  view.blocks.flatMap((b) => (b.type === 'input' ? [(b as { label: { text: string } }).label.text] : []));

async function openSettings(user: SlackUser): Promise<ViewOutput> {
  const shown = await user.command('/postage', 'alerts');
  expect(JSON.stringify(shown.body)).toContain('"text":"Edit"');
  expect(await clickEphemeralButton(h.fake, user, shown.body, 'CSET', 'alert_settings_edit')).toBe(200);
  return user.waitForView(isSettings);
}

describe('alert settings modal', () => {
  it('Edit opens a modal with the seven labelled inputs, Threshold filled in', async () => {
    const view = await openSettings(owner);
    expect(labelsOf(view)).toEqual(LABELS);
    expect(JSON.stringify(view)).toContain('"initial_value":"$50.00"');
    // The digest runs in the owner's time zone, read from Slack.
    expect(JSON.stringify(view)).toContain('America/Chicago');
    expect(JSON.stringify(view)).not.toContain('not available');
    expect(JSON.stringify(view)).toContain('Only the owner can turn it on; saving asks to confirm.');
    await owner.close();
  });

  it('wrong input gets an error under its field and saves nothing', async () => {
    await openSettings(owner);
    owner.fill('alert_threshold', 'alert_threshold', 'lots');
    owner.fill('alert_reload_amount', 'alert_reload_amount', '5');
    owner.fill('alert_escalate_hours', 'alert_escalate_hours', '4');
    const result = await owner.submit();
    expect(result.response).toMatchObject({ response_action: 'errors' });
    expect(Object.keys(owner.lastErrors ?? {}).sort()).toEqual(
      ['alert_escalate_to', 'alert_reload_amount', 'alert_threshold'].sort(),
    );
    expect(JSON.stringify(owner.lastErrors)).toContain('The minimum purchase is $10.00.');
    expect((await h.running.store.alerts.get('T1', 'CSET'))?.thresholdMils).toBe(50_000);
    await owner.close();
  });

  it('saving keeps every setting and shows it; `/postage alerts` then says what is on', async () => {
    await openSettings(owner);
    owner.fill('alert_threshold', 'alert_threshold', '$75');
    owner.fill('alert_runway_days', 'alert_runway_days', '5');
    owner.fill('alert_reload_amount', 'alert_reload_amount', '100');
    owner.fill('alert_reloads_per_day', 'alert_reloads_per_day', '2');
    owner.fill('alert_escalate_hours', 'alert_escalate_hours', '4');
    owner.check('alert_escalate_to', 'alert_escalate_to', ['UBOSS', 'UOWNER']);
    owner.fill('alert_digest', 'alert_digest', '1-09');
    const result = await owner.submit();
    expect(result.status).toBe(200);
    // A Reload amount by the owner: the modal becomes the confirmation (amount, count, limits).
    expect(result.response).toMatchObject({ response_action: 'update' });
    const confirm = await owner.waitForView((v) => v.callback_id === 'alert-reload-confirm');
    const said = JSON.stringify(confirm);
    expect(said).toContain('*$100.00*');
    expect(said).toContain('at most *2* times a day');
    expect(said).toContain('Daily limit per person: none');
    expect(said).toContain('Approval needed above: never');
    // Saved already, but not on until "Turn on".
    expect((await h.running.store.alerts.get('T1', 'CSET'))?.reloadOnAt ?? null).toBeNull();
    expect((await h.running.store.alerts.get('T1', 'CSET'))?.reloadAmountMils ?? null).toBeNull();
    expect((await owner.submit()).status).toBe(200);
    await h.fake.waitFor(() =>
      h.fake.ephemerals.find((e) => e.user === 'UOWNER' && JSON.stringify(e).includes('turned on by')),
    );
    expect(await h.running.store.alerts.get('T1', 'CSET')).toMatchObject({
      reloadOnBy: 'UOWNER',
      thresholdMils: 75_000,
      runwayWarningDays: 5,
      reloadAmountMils: 100_000,
      reloadsPerDay: 2,
      escalateAfterHours: 4,
      escalateTo: ['UBOSS', 'UOWNER'],
      digestWeekday: 1,
      digestHour: 9,
      digestTimeZone: 'America/Chicago',
    });
    const told = await h.fake.waitFor(() =>
      h.fake.ephemerals.find((e) => e.channel === 'CSET' && e.user === 'UOWNER'),
    );
    expect(told.text).toContain('$75.00');
    const shown = JSON.stringify((await owner.command('/postage', 'alerts')).body);
    expect(shown).toContain("under 5 days at this week's rate");
    expect(shown).toContain('on: $100.00 when the balance falls below the threshold, at most 2 a day');
    expect(shown).not.toContain('not available');
    expect(shown).toContain('after 4 hours with nobody acting, tell <@UBOSS>, <@UOWNER>');
    expect(shown).toContain('Monday 09:00 (America/Chicago)');
    // …and when the next digest is due: next Monday 09:00 in Chicago (15:00 UTC, 14:00 in summer).
    const next = Number(/Monday 09:00 \(America\/Chicago\), next <!date\^(\d+)\^/.exec(shown)?.[1]) * 1000;
    expect(new Date(next).getUTCDay()).toBe(1);
    expect([14, 15]).toContain(new Date(next).getUTCHours());
    expect(next).toBeGreaterThan(Date.now());
    expect(next - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('the modal opens with what was saved; clearing the options turns them off', async () => {
    const view = await openSettings(owner);
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_value":"$75.00"');
    expect(json).toContain('"initial_users":["UBOSS","UOWNER"]');
    expect(json).toContain('"value":"1-09"');
    owner.fill('alert_runway_days', 'alert_runway_days', '');
    owner.fill('alert_escalate_hours', 'alert_escalate_hours', '');
    owner.fill('alert_digest', 'alert_digest', 'off');
    await owner.submit();
    const cleared = await h.running.store.alerts.get('T1', 'CSET');
    expect(cleared?.thresholdMils).toBe(75_000);
    // Off reads as null or absent (a SQL column holds NULL).
    expect(cleared?.runwayWarningDays ?? null).toBeNull();
    expect(cleared?.escalateAfterHours ?? null).toBeNull();
    expect(cleared?.digestWeekday ?? null).toBeNull();
  });

  it('`/postage alerts <amount>` (keeping the other settings) and `/postage alerts off` keep working', async () => {
    const set = await owner.command('/postage', 'alerts 60');
    expect(JSON.stringify(set.body)).toContain('$60.00');
    expect(await h.running.store.alerts.get('T1', 'CSET')).toMatchObject({
      thresholdMils: 60_000,
      reloadAmountMils: 100_000,
      reloadsPerDay: 2,
    });
    await owner.command('/postage', 'alerts off');
    expect(await h.running.store.alerts.get('T1', 'CSET')).toBeUndefined();
  });
});

describe('automatic reload confirmation (owner only)', () => {
  it('someone else cannot turn it on or change it; clearing it turns it off; Cancel leaves it off', async () => {
    await owner.command('/postage', 'alerts 50');
    const colleague = h.driver.user({ teamId: 'T1', userId: 'UCOLLEAGUE', channelId: 'CSET' });
    await openSettings(colleague);
    colleague.fill('alert_reload_amount', 'alert_reload_amount', '100');
    const refused = await colleague.submit();
    expect(refused.response).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(colleague.lastErrors)).toContain("Only the alert's owner can turn on");
    expect((await h.running.store.alerts.get('T1', 'CSET'))?.reloadOnAt ?? null).toBeNull();
    await colleague.close();

    // The owner saves an amount but cancels the confirmation: saved settings, reload still off.
    await openSettings(owner);
    owner.fill('alert_reload_amount', 'alert_reload_amount', '$40');
    expect((await owner.submit()).response).toMatchObject({ response_action: 'update' });
    await owner.waitForView((v) => v.callback_id === 'alert-reload-confirm');
    await owner.close();
    const cancelled = await h.running.store.alerts.get('T1', 'CSET');
    expect(cancelled?.reloadOnAt ?? null).toBeNull();

    // Limits in the confirmation come from the team controls; above the approval threshold it warns.
    await h.running.store.settings.put({
      teamId: 'T1',
      approvalAboveMils: 30_000,
      approverIds: ['UBOSS'],
      approvalsChannelId: null,
      dailyLimitMils: 200_000,
      monthlyLimitMils: 1_000_000,
      buyerIds: [],
      postageAdminIds: [],
      updatedBy: null,
      updatedAt: null,
    });
    await openSettings(owner);
    owner.fill('alert_reload_amount', 'alert_reload_amount', '$40');
    await owner.submit();
    const confirm = JSON.stringify(await owner.waitForView((v) => v.callback_id === 'alert-reload-confirm'));
    expect(confirm).toContain('Daily limit per person: $200.00');
    expect(confirm).toContain('Monthly limit (the whole workspace): $1,000.00');
    expect(confirm).toContain('Approval needed above: $30.00');
    expect(confirm).toContain('every automatic reload would be held back');
    await owner.submit();
    await h.fake.waitFor(() =>
      h.fake.ephemerals.find((e) => e.user === 'UOWNER' && JSON.stringify(e).includes('on: $40.00')),
    );
    const on = await h.running.store.alerts.get('T1', 'CSET');
    expect(on).toMatchObject({ reloadAmountMils: 40_000, reloadOnBy: 'UOWNER' });
    expect(on?.reloadsPerDay ?? null).toBeNull();
    const turnedOn = (await h.running.store.audit.list('T1', 10)).find((a) => a.kind === 'settings-change');
    expect(turnedOn?.detail).toContain('automatic reload on in CSET: $40.00, at most 1 a day');

    // The colleague may save other settings with the amount as it is, and may turn reload off.
    await openSettings(colleague);
    colleague.fill('alert_runway_days', 'alert_runway_days', '3');
    expect((await colleague.submit()).response).toBeUndefined();
    expect(await h.running.store.alerts.get('T1', 'CSET')).toMatchObject({
      runwayWarningDays: 3,
      reloadOnBy: 'UOWNER',
    });
    await openSettings(colleague);
    colleague.fill('alert_reload_amount', 'alert_reload_amount', '');
    expect((await colleague.submit()).response).toBeUndefined();
    const off = await h.running.store.alerts.get('T1', 'CSET');
    expect(off?.reloadAmountMils ?? null).toBeNull();
    expect(off?.reloadOnAt ?? null).toBeNull();

    // A confirmation answered after someone else took the alert over turns nothing on.
    await openSettings(owner);
    owner.fill('alert_reload_amount', 'alert_reload_amount', '$20');
    await owner.submit();
    await owner.waitForView((v) => v.callback_id === 'alert-reload-confirm');
    const taken = await h.running.store.alerts.get('T1', 'CSET');
    if (taken) await h.running.store.alerts.put({ ...taken, ownerUserId: 'UCOLLEAGUE' });
    await owner.submit();
    await h.fake.waitFor(() =>
      h.fake.ephemerals.find((e) => e.user === 'UOWNER' && String(e.text).includes('was not turned on')),
    );
    expect((await h.running.store.alerts.get('T1', 'CSET'))?.reloadOnAt ?? null).toBeNull();
  });
});
