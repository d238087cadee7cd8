// The Worker logs one JSON line per request (src/http/observe.ts). Under vitest each console.log from workerd is
// carried to Node (~30 ms apiece), which would make the 10,000-request suites crawl, so the lines are dropped here;
// test/observe.test.ts spies on them where they are the subject.
import { vi } from 'vitest';

vi.spyOn(console, 'log').mockImplementation(() => {});
