// An unexpected error ends in one line; the stack only with --verbose; usage errors map to exit 2.
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../src/config.js';
import { EXIT, reportError } from '../src/cli/exit.js';
import { OutputPathError } from '../src/node/output-paths.js';

function report(error: unknown, verbose = false): { status: number; text: string } {
  let text = '';
  const status = reportError(error, verbose, (s) => {
    text += s;
  });
  return { status, text };
}

// What TF.js throws from its bundle: a message and a stack through 40 kB lines of minified source.
const minified = `function(e,t){${'var a=1,b=2;'.repeat(3000)}}`;
const tfError = Object.assign(new Error('Argument tensors passed to stack must be a `Tensor[]`'), {
  stack: `Error: x\n    at ${minified}`,
});

describe('reportError', () => {
  test('an unexpected error: status 1, its first line, a hint, and no stack', () => {
    const { status, text } = report(tfError);
    expect(status).toBe(EXIT.error);
    expect(text).toBe(
      'error: Argument tensors passed to stack must be a `Tensor[]`\n(run again with --verbose for the stack)\n',
    );
  });

  test('a huge or multi-line message is cut to one short line', () => {
    const { text } = report(new Error(`${minified}\nsecond line`));
    const [line] = text.split('\n');
    expect(line!.length).toBeLessThan(320);
    expect(text).not.toContain('second line');
  });

  test('--verbose adds the stack', () => {
    expect(report(tfError, true).text).toContain(minified);
  });

  test('bad configuration or output path: status 2 and exactly the message', () => {
    expect(report(new ConfigError('--holdout', 'applies to arch vector only'))).toEqual({
      status: EXIT.usage,
      text: 'error: --holdout: applies to arch vector only\n',
    });
    expect(report(new OutputPathError('--out /tmp: is a directory'))).toEqual({
      status: EXIT.usage,
      text: 'error: --out /tmp: is a directory\n',
    });
  });

  test('not an Error at all', () => {
    expect(report('boom').text).toBe('error: boom\n(run again with --verbose for the stack)\n');
  });
});
