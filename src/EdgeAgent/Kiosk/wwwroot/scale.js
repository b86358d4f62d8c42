// The live weight: the agent pushes a reading about every 200 ms over Server-Sent Events. EventSource reconnects by
// itself after a dropped connection; after a refusal (the session ended, the agent restarted) it gives up, so the
// feed asks whether the session still holds and opens a new one. A feed silent for longer than STALE_MS is not
// live: the page then shows no weight at all rather than an old one.
import { api, AgentUnreachable } from './api.js';
import { noteScaleResolution } from './format.js';

const STALE_MS = 1500;
const WATCH_MS = 250;
const REOPEN_MS = 2000;

export function createScaleFeed() {
  const listeners = [];
  let source = null;
  let watchdog = 0;
  let reopenTimer = 0;
  let lastAt = 0;
  let wasLive = false;
  let reading = null;

  const feed = {
    /** The newest reading ({mass_kg, stable, resolution_kg, ok, error}) when it is fresh, otherwise null. */
    get reading() {
      return feed.live ? reading : null;
    },
    get live() {
      return reading !== null && Date.now() - lastAt <= STALE_MS;
    },
    onChange(listener) {
      listeners.push(listener);
    },
    open,
    close,
  };

  function notify() {
    for (const listener of listeners) {
      listener(feed.reading);
    }
  }

  function open() {
    close();
    source = new EventSource(api.scaleStreamUrl);
    source.onmessage = (event) => {
      try {
        reading = JSON.parse(event.data);
      } catch {
        return; // one garbled line; the next comes in 200 ms
      }

      lastAt = Date.now();
      wasLive = true;
      noteScaleResolution(reading?.resolution_kg);
      notify();
    };
    source.onerror = () => {
      if (source?.readyState === EventSource.CLOSED) {
        reopenLater();
      }
    };
    watchdog = setInterval(() => {
      if (wasLive && !feed.live) {
        wasLive = false;
        notify();
      }
    }, WATCH_MS);
  }

  async function reopenLater() {
    source?.close();
    source = null;
    clearTimeout(reopenTimer);
    try {
      // A 401 here ends the session through the API's handler, which closes this feed.
      const answer = await api.state();
      if (answer.status === 401) {
        return;
      }
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }
    }

    reopenTimer = setTimeout(() => {
      if (watchdog) {
        open();
      }
    }, REOPEN_MS);
  }

  function close() {
    source?.close();
    source = null;
    clearInterval(watchdog);
    watchdog = 0;
    clearTimeout(reopenTimer);
    reading = null;
    wasLive = false;
    notify();
  }

  return feed;
}
