/** Pushes "something new" to the widgets that watch a conversation (a local WebSocket, or API Gateway's). */
export interface LiveHub {
  publish(conversationId: string): Promise<void>;
}

/** An in-process hub for the local server: each watcher is a callback, usually a WebSocket's send. */
export function createMemoryHub() {
  const watchers = new Map<string, Set<() => void>>();
  return {
    async publish(conversationId: string) {
      for (const notify of watchers.get(conversationId) ?? []) notify();
    },
    /** Registers a watcher; returns the function that removes it. */
    watch(conversationId: string, notify: () => void): () => void {
      const set = watchers.get(conversationId) ?? new Set();
      set.add(notify);
      watchers.set(conversationId, set);
      return () => {
        set.delete(notify);
        if (set.size === 0) watchers.delete(conversationId);
      };
    },
  };
}
