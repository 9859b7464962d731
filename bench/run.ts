import { cpus, totalmem } from 'node:os';
import { benchAlerts } from './alerts.ts';
import { benchBackends, benchReload } from './backends.ts';
import { benchBurst } from './burst.ts';
import { benchEndicia } from './endicia.ts';
import { benchStore } from './store.ts';
import { benchWizard } from './wizard.ts';

// `npm run bench [store|endicia|wizard|alerts|burst|backends|reload …]`: every benchmark by default. Figures go to stdout as
// JSON (one object per benchmark) after a line naming the machine, for the README.
const wanted = new Set(process.argv.slice(2));
const all = wanted.size === 0;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `# ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);

const runs: Array<[string, () => Promise<unknown>]> = [
  ['store', () => benchStore()],
  ['endicia', () => benchEndicia()],
  ['wizard', () => benchWizard()],
  ['alerts', () => benchAlerts()],
  ['burst', () => benchBurst()],
  ['backends', () => benchBackends()],
  ['reload', () => benchReload()],
];
for (const [name, run] of runs) {
  if (!all && !wanted.has(name)) continue;
  const started = Date.now();
  const result = await run();
  console.log(
    JSON.stringify({
      bench: name,
      seconds: Math.round((Date.now() - started) / 1000),
      ...(result as object),
    }),
  );
}
