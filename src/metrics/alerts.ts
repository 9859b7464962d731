import type { AlertNotifier } from '../alerts/index.ts';
import type { Metrics } from './registry.ts';

/** The notifier, counting the alerts it actually posted (from sweeps and from wizard readings alike). */
export function countPostedAlerts(
  notifier: AlertNotifier,
  metrics: Pick<Metrics, 'alertPosted'>,
): AlertNotifier {
  return {
    ...notifier,
    async postAlert(sub, balanceMils) {
      const posted = await notifier.postAlert(sub, balanceMils);
      if (posted !== null) metrics.alertPosted();
      return posted;
    },
  };
}
