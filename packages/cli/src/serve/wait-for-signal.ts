// Waits for SIGINT or SIGTERM, then runs a clean shutdown; a second signal forces the exit.

/** Resolves with the signal's name once SIGINT or SIGTERM arrives. */
export function waitForShutdownSignal(onSecondSignal: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) {
        onSecondSignal();
        return;
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
