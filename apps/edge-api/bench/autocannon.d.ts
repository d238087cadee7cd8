// The slice of autocannon 8's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    method?: string;
    /** Called with each response body: a falsy answer counts the response in `mismatches`. */
    verifyBody?: (body: string) => boolean;
    /** Requests in turn; setupRequest may rewrite each one before it is sent (here: its headers). */
    requests?: {
      method?: string;
      path?: string;
      body?: string;
      headers?: Record<string, string>;
      setupRequest?: (request: { headers?: Record<string, string> }) => { headers?: Record<string, string> };
      onResponse?: (status: number, body: string) => void;
    }[];
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
