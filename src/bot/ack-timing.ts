import type { App } from '@slack/bolt';
import type { AckKind } from '../metrics/index.ts';

/** What kind of request a receiver event is, from its body's shape (a fixed set: it labels a metric). */
export function ackKind(body: Record<string, unknown>): AckKind {
  if (typeof body['command'] === 'string') return 'command';
  switch (body['type']) {
    case 'view_submission':
      return 'submission';
    case 'block_actions':
    case 'block_suggestion':
    case 'interactive_message':
      return 'action';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}

/**
 * Reports how long each request took to acknowledge, measured from when the receiver hands it to the app
 * (after the body is read and its signature checked) to the ack. Both receivers go through
 * `App.processEvent`, so this one seam covers HTTP and Socket Mode.
 */
export function timeAcks(app: App, onAck: (kind: AckKind, seconds: number) => void): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const started = performance.now();
    const kind = ackKind(event.body);
    const ack = event.ack;
    let timed = false;
    return processEvent({
      ...event,
      ack: (response) => {
        if (!timed) {
          timed = true;
          onAck(kind, (performance.now() - started) / 1000);
        }
        return ack(response);
      },
    });
  };
}
