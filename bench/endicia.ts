import { performance } from 'node:perf_hooks';
import { createEndiciaClient } from '../src/endicia/index.ts';
import { parseAccountStatusResponse } from '../src/endicia/responses.ts';
import { createSimulator } from '../src/endicia/simulator/index.ts';
import { microFigures } from './stats.ts';

/** Per-operation latency in microseconds. */
export interface EndiciaLatencyFigures {
  medianUs: number;
  p99Us: number;
}

export interface EndiciaBenchResult {
  /** GetAccountStatus through the whole client (XML build, got over loopback, simulator, zod parse). */
  statusCall: EndiciaLatencyFigures;
  /** BuyPostage, same path (never retried, fresh connection each time). */
  buyCall: EndiciaLatencyFigures;
  /** Parsing one wsdl2021 AccountStatusResponse (validate + parse + zod), no I/O. */
  parse: EndiciaLatencyFigures;
  n: number;
}

async function timed(n: number, run: (i: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * `n` sequential calls of each kind against the in-process simulator on loopback, so each figure is one
 * call's real latency; the balance ceiling is raised so every purchase succeeds.
 */
export async function benchEndicia(options: { n?: number } = {}): Promise<EndiciaBenchResult> {
  const n = options.n ?? 500;
  const passPhrase = 'bench <pass> & "phrase"';
  const simulator = createSimulator({
    accounts: [{ accountId: '2590001', passPhrase, balance: '0', maxBalance: String(10 * n + 10) }],
  });
  const url = await simulator.listen(0, '127.0.0.1');
  try {
    const client = createEndiciaClient({ baseUrl: url, requesterId: 'lxxx', timeoutMs: 10_000 });
    const credentials = { accountId: '2590001', passPhrase };
    const statusTimes = await timed(n, () => client.getAccountStatus(credentials));
    const buyTimes = await timed(n, (i) =>
      client.buyPostage(credentials, 10_000, { requestId: `bench-${i}` }),
    );
    const answer = await (
      await fetch(`${url}/GetAccountStatusXML`, {
        method: 'POST',
        body: new URLSearchParams({
          accountStatusRequestXML:
            `<AccountStatusRequest><RequesterID>lxxx</RequesterID><CertifiedIntermediary><AccountID>2590001</AccountID>` +
            `<PassPhrase>bench &lt;pass&gt; &amp; "phrase"</PassPhrase></CertifiedIntermediary></AccountStatusRequest>`,
        }),
      })
    ).text();
    const parseTimes = await timed(n * 10, () => parseAccountStatusResponse(answer));
    return {
      statusCall: microFigures(statusTimes),
      buyCall: microFigures(buyTimes),
      parse: microFigures(parseTimes),
      n,
    };
  } finally {
    await simulator.close();
  }
}
