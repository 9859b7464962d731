import { describe, expect, it } from 'vitest';
import { parseDigest, readAlertSettings } from '../../src/bot/forms/alert-settings-form.ts';
import type { StateValues } from '../../src/bot/forms/state-values.ts';
import { defaultSettings } from '../../src/bot/settings/team-settings.ts';
import { alertSettingsModal } from '../../src/bot/views/alert-settings-modal.ts';
import { readReloadConfirmMeta, reloadConfirmView } from '../../src/bot/views/reload-confirm-view.ts';
import { validateView } from '../helpers/fake-slack/index.ts';
import { alertSub } from './alerts/notifier-kit.ts';

const text = (value: string) => ({ type: 'plain_text_input', value });
function values(fields: Record<string, string>, extra: StateValues = {}): StateValues {
  return {
    ...Object.fromEntries(Object.entries(fields).map(([id, v]) => [id, { [id]: text(v) }])),
    ...extra,
  } as StateValues;
}
const read = (v: StateValues) => readAlertSettings(v, { maxPurchaseCents: 50_000 });

describe('alert settings form', () => {
  it('Threshold alone: everything else off', () => {
    expect(read(values({ alert_threshold: '$1,500.00' }))).toEqual({
      ok: true,
      change: {
        thresholdMils: 1_500_000,
        runwayWarningDays: null,
        reloadAmountMils: null,
        reloadsPerDay: null,
        escalateAfterHours: null,
        escalateTo: null,
        digestWeekday: null,
        digestHour: null,
      },
    });
  });

  it('each wrong field gets its own sentence', () => {
    const result = read(
      values({
        alert_threshold: '10,00',
        alert_runway_days: '0',
        alert_reload_amount: '600',
        alert_reloads_per_day: '2.5',
        alert_escalate_hours: '200',
      }),
    );
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.errors;
    expect(Object.keys(errors).sort()).toEqual(
      [
        'alert_escalate_hours',
        'alert_reload_amount',
        'alert_reloads_per_day',
        'alert_runway_days',
        'alert_threshold',
      ].sort(),
    );
    expect(errors['alert_reload_amount']).toBe('The most one purchase may be is $500.00.');
  });

  it('escalation needs someone to tell; the digest reads weekday and hour', () => {
    const withPeople = read(
      values(
        { alert_threshold: '50', alert_escalate_hours: '4' },
        {
          alert_escalate_to: { alert_escalate_to: { type: 'multi_users_select', selected_users: ['U1'] } },
          alert_digest: {
            alert_digest: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'x' }, value: '7-18' },
            },
          },
        },
      ),
    );
    expect(withPeople).toMatchObject({
      ok: true,
      change: { escalateAfterHours: 4, escalateTo: ['U1'], digestWeekday: 7, digestHour: 18 },
    });
    expect(read(values({ alert_threshold: '50', alert_escalate_hours: '4' }))).toMatchObject({
      ok: false,
      errors: { alert_escalate_to: 'Choose who to tell when nobody has acted in time.' },
    });
    expect(parseDigest('off')).toBeNull();
    expect(parseDigest('8-09')).toBe('bad');
    expect(parseDigest('1-24')).toBe('bad');
  });

  it('the modal is within Block Kit limits with every option set', () => {
    const view = alertSettingsModal(
      alertSub({
        runwayWarningDays: 5,
        reloadAmountMils: 100_000,
        escalateTo: ['U1'],
        digestWeekday: 3,
        digestHour: 12,
      }),
      { channelId: 'C1', timeZone: 'Europe/Berlin' },
      'SIMULATOR — no real postage',
    );
    expect(validateView(view as never)).toEqual([]);
    expect(JSON.stringify(view)).toContain('Wednesday 12:00');
  });
});

describe('the automatic reload confirmation', () => {
  it('states the amount, the daily count and the limits, within Slack limits; metadata round-trips', () => {
    const meta = { channelId: 'C1', amountMils: 1_500_000, reloadsPerDay: 10 };
    const view = reloadConfirmView(
      meta,
      {
        accountId: '2500001',
        thresholdMils: 50_000,
        settings: { ...defaultSettings('T1'), approvalAboveMils: 1_000_000, dailyLimitMils: 2_000_000 },
      },
      'SIMULATOR — no real postage',
    );
    expect(validateView(view as never)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('*$1,500.00*');
    expect(json).toContain('at most *10* times a day');
    expect(json).toContain('Daily limit per person: $2,000.00');
    expect(json).toContain('Monthly limit (the whole workspace): none');
    expect(json).toContain('every automatic reload would be held back');
    expect(readReloadConfirmMeta(view.private_metadata ?? '')).toEqual(meta);
    expect(readReloadConfirmMeta('{"channelId":"C1","amountMils":"lots"}')).toBeNull();
  });
});
