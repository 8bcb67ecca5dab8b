// The worker side of server/worker-pool.js's messages: "run" a task and answer once, or "stream" a task's bytes while
// the main thread gives credit ("more"), until the bytes end or the reader cancels. Used by server/worker.js and by the
// pool's tests, so both speak exactly this.

/** Only what names the error crosses back: never a value that may hold a child's words. */
const describe = (error) => {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, code: e.code ?? null };
};

/** Answers the pool on `port` with these tasks (plain answers) and streams (functions giving ReadableStreams of bytes). */
export function serveTasks(port, tasks, streams = {}) {
  // The stream being sent, if any: chunks go only while there is credit, so a slow download never fills memory.
  let streaming = null;

  async function send(s, stream) {
    const reader = stream.getReader();
    for (;;) {
      while (s.credit === 0 && !s.cancelled) await new Promise((resolve) => (s.wake = resolve));
      if (s.cancelled) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) return;
      s.credit--;
      // sent by moving its memory, not copying: a buffer shared with other views is copied first
      const bytes = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
      port.postMessage({ id: s.id, chunk: bytes }, [bytes.buffer]);
    }
  }

  port.on("message", async (message) => {
    const { id, name, args, type } = message;
    if (type === "more" || type === "cancel") {
      if (streaming?.id !== id) return;
      if (type === "more") streaming.credit += message.credit ?? 1;
      else streaming.cancelled = true;
      streaming.wake?.();
      streaming.wake = null;
      return;
    }
    try {
      if (type === "stream") {
        // set before any await, so credit or a cancel that arrives while the task starts is not lost
        const s = { id, credit: message.credit ?? 0, wake: null, cancelled: false };
        streaming = s;
        const task = streams[name];
        if (typeof task !== "function") throw new Error(`No worker stream called ${name}`);
        await send(s, await task(...args));
        streaming = null;
        port.postMessage({ id, done: true });
        return;
      }
      const task = tasks[name];
      if (typeof task !== "function") throw new Error(`No worker task called ${name}`);
      port.postMessage({ id, result: await task(...args) });
    } catch (error) {
      if (streaming?.id === id) streaming = null;
      port.postMessage({ id, error: describe(error) });
    }
  });
}
