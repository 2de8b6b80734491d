/**
 * The emulator's state as one JSON document, so it survives a restart: every object, the private
 * maps beside them (card numbers, token sources, Link accounts), idempotency records, the event
 * log, webhook endpoints and their secrets, the API keys and `publicBaseUrl`. Maps are written as
 * `{"$map": [[key, value], …]}`. Pure functions; where the text is kept is a StateStore's business.
 */
import { type State, createState } from './state.ts';

export const SNAPSHOT_FORMAT = 'link-checkout-sandbox-state';
export const SNAPSHOT_VERSION = 1;

export interface EmulatorKeys {
  secretKey: string;
  publishableKey: string;
}

/** Where snapshots are kept. `load` runs once, when the emulator is created; `save` after changes. */
export interface StateStore {
  load(): string | null;
  save(json: string): Promise<void>;
  /** For messages: where the state lives (e.g. a file path). */
  readonly location: string;
}

interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  keys: EmulatorKeys;
  state: Partial<State>;
}

export function serializeSnapshot(state: State, keys: EmulatorKeys): string {
  const doc: SnapshotDocument = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, keys, state };
  return JSON.stringify(doc, (_key, value) => (value instanceof Map ? { $map: [...value] } : value));
}

/**
 * The state and keys a snapshot holds. Fields the snapshot lacks (added to State after it was
 * written) start empty. A document of another format or a newer version is refused, not guessed at.
 */
export function parseSnapshot(json: string, where: string): { state: State; keys: EmulatorKeys } {
  const doc = JSON.parse(json, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.$map) ? new Map(value.$map) : value,
  ) as SnapshotDocument;
  if (doc?.format !== SNAPSHOT_FORMAT) throw new Error(`${where} is not a sandbox state file (format ${JSON.stringify(doc?.format)})`);
  if (doc.version > SNAPSHOT_VERSION) {
    throw new Error(`${where} was written by a newer sandbox (state version ${doc.version}; this one reads ${SNAPSHOT_VERSION})`);
  }
  if (typeof doc.keys?.secretKey !== 'string' || typeof doc.keys?.publishableKey !== 'string') throw new Error(`${where} has no API keys`);
  const state = createState();
  for (const [name, value] of Object.entries(doc.state ?? {})) {
    if (Object.hasOwn(state, name)) (state as unknown as Record<string, unknown>)[name] = value;
  }
  return { state, keys: doc.keys };
}

/**
 * Saves the state some time after it changes: changes within `delayMs` are coalesced into one
 * write, a write is skipped when nothing changed since the last one, and writes never overlap.
 * A failed write is reported and retried at the next change or flush.
 */
export class Persister {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastWritten: string | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StateStore,
    private readonly serialize: () => string,
    private readonly delayMs: number,
  ) {}

  /** Marks the state as possibly changed; it is written within `delayMs`. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
    // A pending save must not keep a process alive that has nothing else to do.
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Writes the current state now (if it changed), after any write already under way. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(async () => {
      const json = this.serialize();
      if (json === this.lastWritten) return;
      try {
        await this.store.save(json);
        this.lastWritten = json;
      } catch (err) {
        console.error(`[sandbox/api] could not save the sandbox state to ${this.store.location}:`, err);
      }
    });
    return this.writing;
  }

  /** Remembers what was just loaded, so an unchanged state is not written back. */
  loaded(json: string): void {
    this.lastWritten = json;
  }
}
