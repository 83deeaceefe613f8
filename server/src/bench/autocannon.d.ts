// The part of autocannon 8's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** seconds */
      duration?: number;
      headers?: Record<string, string>;
      warmup?: { connections?: number; duration?: number };
    }

    /**
     * The run's counters. Inside a worker thread autocannon resolves with this raw, unaggregated
     * result (its histograms stay encoded), which is how the benchmark runs it.
     */
    interface RawResult {
      duration: number;
      totalCompletedRequests: number;
      totalRequests: number;
      totalBytes: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      mismatches: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      warmup?: RawResult;
    }

    interface Instance extends EventEmitter, PromiseLike<RawResult> {
      stop(): void;
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
      ): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  function autocannon(opts: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
