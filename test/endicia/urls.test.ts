import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATOR_URL, ENDICIA_URLS, resolveEndiciaUrl } from '../../src/endicia/urls.ts';

describe('resolveEndiciaUrl', () => {
  it('maps each ENDICIA_ENV to its label server', () => {
    expect(resolveEndiciaUrl('production')).toBe(
      'https://labelserver.endicia.com/LabelService/EwsLabelService.asmx',
    );
    expect(resolveEndiciaUrl('sandbox')).toBe(
      'https://elstestserver.endicia.com/LabelService/EwsLabelService.asmx',
    );
    expect(resolveEndiciaUrl('simulator')).toBe(DEFAULT_SIMULATOR_URL);
    expect(ENDICIA_URLS.production).toBe(resolveEndiciaUrl('production'));
  });

  it('lets ENDICIA_URL override, but not when empty', () => {
    expect(resolveEndiciaUrl('production', 'http://proxy.test/LabelService/EwsLabelService.asmx')).toBe(
      'http://proxy.test/LabelService/EwsLabelService.asmx',
    );
    expect(resolveEndiciaUrl('sandbox', '')).toBe(ENDICIA_URLS.sandbox);
  });
});
