import type { EndiciaEnvironment } from './types.ts';

/** Endicia's own label servers (docs/endicia-els.md §1.1). */
export const ENDICIA_URLS = {
  production: 'https://labelserver.endicia.com/LabelService/EwsLabelService.asmx',
  sandbox: 'https://elstestserver.endicia.com/LabelService/EwsLabelService.asmx',
} as const;

/** Where `npm run simulator` listens by default (SIMULATOR_PORT 8787). */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:8787/LabelService/EwsLabelService.asmx';

/** The base URL for ENDICIA_ENV, unless ENDICIA_URL (`override`) names one. */
export function resolveEndiciaUrl(environment: EndiciaEnvironment, override?: string): string {
  if (override !== undefined && override !== '') return override;
  return environment === 'simulator' ? DEFAULT_SIMULATOR_URL : ENDICIA_URLS[environment];
}
