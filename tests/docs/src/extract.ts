// Reads the examples out of the READMEs: the shell commands (with the output they show) and the TypeScript snippets.

/** A shell command as a README shows it, with the output it says the command prints, if any. */
export interface ShellExample {
  kind: 'shell';
  file: string;
  line: number;
  command: string;
  /** Text the README shows as the command's output: `# …` lines under it, or a ```json block right after. */
  expected?: string;
}

/** A TypeScript snippet that imports the project's packages; `// → text` comments are the lines it prints. */
export interface CodeExample {
  kind: 'code';
  file: string;
  line: number;
  code: string;
  /** What the snippet prints, one entry per `// → …` comment, in order. */
  prints: string[];
}

export type Example = ShellExample | CodeExample;

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const CODE = new Set(['ts', 'typescript', 'js', 'mjs']);

interface Block {
  lang: string;
  /** 1-based line of the block's first content line. */
  line: number;
  lines: string[];
  /** Whether only blank lines separate this block from the one before it. */
  adjacent: boolean;
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let open: Block | null = null;
  let gap = false;
  markdown.split('\n').forEach((text, i) => {
    const fence = /^\s*```\s*([\w-]*)/.exec(text);
    if (fence && !open) open = { lang: (fence[1] ?? '').toLowerCase(), line: i + 2, lines: [], adjacent: !gap };
    else if (fence && open) {
      out.push(open);
      open = null;
      gap = false;
    } else if (open) open.lines.push(text);
    else if (text.trim()) gap = true;
  });
  return out;
}

/** Drops a trailing ` # comment` that is outside quotes. */
export function stripComment(command: string): string {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(command[i - 1] ?? ''))) return command.slice(0, i).trimEnd();
  }
  return command.trimEnd();
}

function shellExamples(file: string, block: Block): ShellExample[] {
  const out: ShellExample[] = [];
  let pending = '';
  let startLine = 0;
  block.lines.forEach((raw, i) => {
    const text = raw.replace(/^\s*\$ /, '');
    const last = out.at(-1);
    if (!pending && /^\s*#/.test(text)) {
      // A comment line under a command is the output it shows.
      if (last) last.expected = (last.expected ? `${last.expected}\n` : '') + text.replace(/^\s*#\s?/, '');
      return;
    }
    if (!text.trim()) return;
    if (!pending) startLine = block.line + i;
    pending += (pending ? ' ' : '') + text.trim();
    if (pending.endsWith('\\')) {
      pending = pending.slice(0, -1).trimEnd();
      return;
    }
    out.push({ kind: 'shell', file, line: startLine, command: stripComment(pending) });
    pending = '';
  });
  return out;
}

function codeExample(file: string, block: Block): CodeExample | null {
  const code = block.lines.join('\n');
  if (!/from\s+['"]@lstm-adder\//.test(code)) return null;
  const prints = block.lines.flatMap((l) => {
    const m = /\/\/\s*→\s*(.*)$/.exec(l);
    return m ? [m[1]!.trim()] : [];
  });
  return { kind: 'code', file, line: block.line, code, prints };
}

/** A command written inline in prose, such as `npm run bench -w @lstm-adder/core`. */
const INLINE_COMMAND = /^(?:[A-Z_]+=\S+ )*(?:npm|npx|curl) /;

function inlineExamples(file: string, markdown: string): ShellExample[] {
  const out: ShellExample[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    if (fenced) return;
    for (const match of text.matchAll(/`([^`]+)`/g)) {
      const command = match[1]!.trim();
      // `npm run train: 55.0s` quotes a log line, not a command.
      if (INLINE_COMMAND.test(command) && !/^npm run [\w:@/-]+: /.test(command))
        out.push({ kind: 'shell', file, line: i + 1, command });
    }
  });
  return out;
}

/** Every example of one README: its fenced blocks in order, then the commands written inline in its prose. */
export function extractExamples(file: string, markdown: string): Example[] {
  const out: Example[] = [];
  let previousShell: ShellExample | undefined;
  let lastWasShell = false;
  for (const block of blocks(markdown)) {
    if (SHELL.has(block.lang)) {
      const found = shellExamples(file, block);
      out.push(...found);
      previousShell = found.at(-1);
      lastWasShell = true;
      continue;
    }
    if (block.lang === 'json' && block.adjacent && lastWasShell && previousShell && !previousShell.expected) {
      // A JSON block right after a shell block is the output of its last command.
      previousShell.expected = block.lines.join('\n').trim();
    } else if (CODE.has(block.lang)) {
      const code = codeExample(file, block);
      if (code) out.push(code);
    }
    lastWasShell = false;
  }
  return [...out, ...inlineExamples(file, markdown)];
}
