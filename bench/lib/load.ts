import autocannon, { type Request } from 'autocannon';
import { percentile } from './stats.ts';

export interface LoadResult {
  requests: number;
  /** Completed requests per second, from the first request sent to the last answer. */
  rps: number;
  /** Latency in ms, from every answer's own time (autocannon's histogram keeps whole ms only). */
  p50: number;
  p99: number;
}

export interface LoadPlan {
  method: 'GET' | 'POST';
  /** One path for every request, or one per request. */
  path: string | ((i: number) => string);
  /** A JSON body per request, e.g. each with its own ConfirmationToken. */
  body?: (i: number) => string;
  /** A fixed number of requests, or else a duration. */
  amount?: number;
  seconds?: number;
}

/** autocannon at 10 connections, no pipelining; any non-2xx answer voids the run. */
export function runLoad(origin: string, plan: LoadPlan): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let lastAnswer = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: 10,
        ...(plan.amount ? { amount: plan.amount } : { duration: plan.seconds ?? 3 }),
        requests: [{
          method: plan.method,
          headers: { 'content-type': 'application/json' },
          setupRequest: (request: Request) => {
            const i = next++;
            request.path = typeof plan.path === 'string' ? plan.path : plan.path(i);
            if (plan.body) request.body = plan.body(i);
            return request;
          },
        }],
      },
      (error: Error | null) => {
        if (error) return reject(error);
        if (failed) return reject(new Error(`${failed} of ${latencies.length} answers to ${plan.method} were not 2xx`));
        resolve({
          requests: latencies.length,
          rps: latencies.length / ((lastAnswer - started) / 1000),
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      lastAnswer = performance.now();
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) failed++;
    });
  });
}
